// Where the e2e tier runs: its own port and its own database, shared by playwright.config.ts,
// the database reset and the specs that read rows directly.
import { toolingEnv } from "../../server/env";

export const { E2E_PORT, E2E_DATABASE_URL, E2E_OIDC_PORT, E2E_REUSE_SERVER, E2E_WORKERS, CHROMIUM_PATH } = toolingEnv();
export const BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
