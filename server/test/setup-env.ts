// Runs in every integration worker before any test module loads, so the application's env() and
// `db` point at the test database.
import { overrideEnv } from "../env";
import { TEST_DATABASE_URL } from "./test-database";

overrideEnv({ DATABASE_URL: TEST_DATABASE_URL, NODE_ENV: "test" });
