import { defineConfig } from "@playwright/test";
import { E2E_WEB_ENV } from "./e2e/support/web-env";
import { BASE_URL, CHROMIUM_PATH, E2E_DATABASE_URL, E2E_PORT, E2E_REUSE_SERVER, E2E_TWIN_ENV, E2E_TWIN_URL, E2E_WORKERS } from "./e2e/support/env";

// The e2e tier runs the production build against its own database and its own GitHub twin, which
// `npx tsx e2e/reset-db.ts` recreates and seeds (scripts/test.sh runs it before `next build` and this).
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
  // In this order: the twin answers before the web server starts (its App settings point at it), and
  // both before the global setup starts the worker with the web server's environment.
  webServer: [
    {
      command: "npx tsx workers/github-twin.ts",
      // The twin's own control endpoint: GitHub's API answers nothing without credentials.
      url: `${E2E_TWIN_URL}/_twin/faults`,
      reuseExistingServer: E2E_REUSE_SERVER,
      timeout: 60_000,
      stdout: "ignore",
      stderr: "pipe",
      env: E2E_TWIN_ENV,
    },
    {
      command: "npx tsx server/web/serve.ts",
      url: `${BASE_URL}/api/health`,
      // Only for working on the specs against a server one started oneself (E2E_REUSE_SERVER=1).
      reuseExistingServer: E2E_REUSE_SERVER,
      timeout: 120_000,
      stdout: "ignore",
      stderr: "pipe",
      env: E2E_WEB_ENV,
    },
  ],
});
