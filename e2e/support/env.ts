// Where the e2e tier runs: its own port and its own database, shared by playwright.config.ts,
// the database reset and the specs that read rows directly; and its own GitHub twin (its own port and
// data directory), the e2e tier's GitHub, which e2e/reset-db.ts seeds the demo onto.
import path from "node:path";
import { toolingEnv } from "../../server/env";

export const { E2E_PORT, E2E_DATABASE_URL, E2E_OIDC_PORT, E2E_REUSE_SERVER, E2E_WORKERS, CHROMIUM_PATH, E2E_TWIN_PORT } = toolingEnv();
export const BASE_URL = `http://127.0.0.1:${E2E_PORT}`;

export const E2E_TWIN_URL = `http://127.0.0.1:${E2E_TWIN_PORT}`;
export const E2E_TWIN_DATA_DIR = path.resolve(import.meta.dirname, "../..", ".data", `e2e-github-twin-${E2E_TWIN_PORT}`);
export const E2E_TWIN_APP_ID = 1;
export const E2E_TWIN_WEBHOOK_SECRET = "e2e-only-github-webhook-secret-0123456789";

/** The App settings of the e2e web server and worker: the twin's App (its key generated into its data directory). */
export const E2E_GITHUB_ENV = {
  GITHUB_APP_ID: String(E2E_TWIN_APP_ID),
  GITHUB_APP_PRIVATE_KEY_FILE: path.join(E2E_TWIN_DATA_DIR, "app-private-key.pem"),
  GITHUB_WEBHOOK_SECRET: E2E_TWIN_WEBHOOK_SECRET,
  GITHUB_API_URL: E2E_TWIN_URL,
  GITHUB_TWIN_URL: E2E_TWIN_URL,
};

/** The twin process's own settings (server/github/twin/twin-env.ts); webhooks go to the e2e web server. */
export const E2E_TWIN_ENV = {
  GITHUB_TWIN_PORT: String(E2E_TWIN_PORT),
  GITHUB_TWIN_HOST: "127.0.0.1",
  GITHUB_TWIN_DATA_DIR: E2E_TWIN_DATA_DIR,
  GITHUB_TWIN_APP_ID: String(E2E_TWIN_APP_ID),
  GITHUB_TWIN_WEBHOOK_URL: `${BASE_URL}/api/github/webhooks`,
  GITHUB_TWIN_WEBHOOK_SECRET: E2E_TWIN_WEBHOOK_SECRET,
};
