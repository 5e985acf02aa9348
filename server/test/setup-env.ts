// Runs in every integration worker before any test module loads, so the application's env() and
// `db` point at the test database.
import { TEST_DATABASE_URL } from "./test-database";

// Object.assign because Next's types declare NODE_ENV read-only.
Object.assign(process.env, { DATABASE_URL: TEST_DATABASE_URL, NODE_ENV: "test" });
