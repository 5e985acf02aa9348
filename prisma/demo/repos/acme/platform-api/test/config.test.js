import assert from "node:assert/strict";
import { test } from "node:test";
import { loadConfig, migrateKeys, parseYaml } from "../src/config.js";

const quiet = { warn: () => {} };

test("every environment's config loads with a request timeout", () => {
  for (const file of ["../config/app.yaml", "../config/environments/staging.yaml"]) {
    const config = loadConfig(new URL(file, import.meta.url), quiet);
    assert.ok(config.server.timeout_ms > 0, `${file}: server.timeout_ms`);
    assert.ok(config.server.port > 0, `${file}: server.port`);
  }
});

test("nested mappings, numbers, booleans and comments are read", () => {
  const parsed = parseYaml("# top\nserver:\n  port: 8080 # inline\n  tls: false\nname: 'api'\n");
  assert.deepEqual(parsed, { server: { port: 8080, tls: false }, name: "api" });
});

test("deprecated timeoutMs is renamed with a warning", () => {
  const warnings = [];
  const config = migrateKeys({ server: { timeoutMs: 3000 } }, (m) => warnings.push(m));
  assert.deepEqual(config, { server: { timeout_ms: 3000 } });
  assert.equal(warnings.length, 1);
});

test("when both names are set, timeout_ms wins", () => {
  assert.deepEqual(migrateKeys({ timeoutMs: 1, timeout_ms: 2 }, () => {}), { timeout_ms: 2 });
});
