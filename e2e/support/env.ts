// Where the e2e tier runs: its own port and its own database, shared by playwright.config.ts,
// the database reset and the specs that read rows directly.
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_DATABASE_URL = process.env.E2E_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/fleetgate_e2e";
export const BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
