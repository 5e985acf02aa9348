// Runs in every integration worker before any test module loads, so the application's env() and
// `db` point at the test database.
import { overrideEnv } from "../env";
import { TEST_DATABASE_URL } from "./test-database";

// Webhook retries wait 200 ms, then 400 ms, ... so a failing receiver is given up on within seconds.
overrideEnv({ DATABASE_URL: TEST_DATABASE_URL, NODE_ENV: "test", WEBHOOK_RETRY_BASE_MS: "200" });
