// The e2e web server's environment (playwright.config.ts), which the global setup's worker shares
// exactly, so both agree on the database, the queue prefix and the GitHub App (the e2e twin's).
import { BASE_URL, E2E_DATABASE_URL, E2E_GITHUB_ENV, E2E_PORT } from "./env";
import { OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_ISSUER } from "./oidc-idp";

export const E2E_WEB_ENV: Record<string, string> = {
  DATABASE_URL: E2E_DATABASE_URL,
  NEXTAUTH_URL: BASE_URL,
  NEXTAUTH_SECRET: "e2e-only-secret-not-for-production-0123456789",
  NODE_ENV: "production",
  PORT: String(E2E_PORT),
  BIND_ADDRESS: "127.0.0.1",
  OIDC_ISSUER,
  OIDC_CLIENT_ID,
  OIDC_CLIENT_SECRET,
  OIDC_NAME: "Acme SSO",
  // The matrix signs in many times from one address; the limiter is tested separately.
  SIGNIN_MAX_FAILURES_PER_ADDRESS: "1000",
  // Its own queues, so a developer's `npm run dev` worker never takes e2e jobs (and the worker the
  // global setup starts takes no one else's); webhook retries in seconds, not minutes.
  QUEUE_PREFIX: `fleetgate-e2e-${E2E_PORT}`,
  WEBHOOK_RETRY_BASE_MS: "200",
  ...E2E_GITHUB_ENV,
};
