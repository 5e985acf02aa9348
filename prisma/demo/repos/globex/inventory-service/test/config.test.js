import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { loadConfig, migrateKeys } from "../src/config.js";

test("the service config loads with a request timeout and a hold time", () => {
  const config = loadConfig(new URL("../config/app.yaml", import.meta.url), { warn: () => {} });
  assert.ok(config.server.timeout_ms > 0);
  assert.ok(config.reservations.hold_minutes > 0);
});

test("the deprecated timeoutMs key is renamed with a warning", () => {
  const warnings = [];
  assert.deepEqual(migrateKeys({ server: { timeoutMs: 3000 } }, (m) => warnings.push(m)), { server: { timeout_ms: 3000 } });
  assert.match(warnings[0], /timeoutMs.*deprecated/);
});

test("every warehouse has a code and a time zone", () => {
  const warehouses = JSON.parse(readFileSync(new URL("../config/warehouses.json", import.meta.url), "utf8"));
  for (const w of warehouses) {
    assert.match(w.code, /^[A-Z]{3}\d$/);
    assert.doesNotThrow(() => new Intl.DateTimeFormat("en", { timeZone: w.timezone }), w.timezone);
  }
});
