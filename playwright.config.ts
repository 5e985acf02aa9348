import { defineConfig } from "@playwright/test";
import { BASE_URL, CHROMIUM_PATH, E2E_DATABASE_URL, E2E_PORT, E2E_REUSE_SERVER, E2E_WORKERS } from "./e2e/support/env";
import { OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_ISSUER } from "./e2e/support/oidc-idp";

// The e2e tier runs the production build against its own database, which `npx tsx e2e/reset-db.ts`
// drops, migrates and seeds (scripts/test.sh runs it before `next build` and this).
export { E2E_DATABASE_URL, E2E_PORT };

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  // One per core (2 on the 2-core CI machines), E2E_WORKERS to change it.
  workers: E2E_WORKERS,
  retries: 0,
  // Limits, not assertions: a journey needs several times its idle duration on a busy 2-core machine.
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [["list"], ["json", { outputFile: "test-reports/e2e.json" }]],
  globalSetup: "./e2e/global-setup.ts",
  use: {
    baseURL: BASE_URL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
  },
  webServer: {
    command: "npx tsx server/web/serve.ts",
    url: `${BASE_URL}/api/health`,
    // Only for working on the specs against a server one started oneself (E2E_REUSE_SERVER=1).
    reuseExistingServer: E2E_REUSE_SERVER,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
    env: {
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
    },
  },
});
