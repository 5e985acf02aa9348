import assert from "node:assert/strict";
import { test } from "node:test";
import { loadConfig } from "../src/config.js";
import { IdempotencyConflict, IdempotencyStore } from "../src/idempotency.js";

test("the same key and body run once and replay the response", async () => {
  const store = new IdempotencyStore({ ttlMs: 1000 });
  let calls = 0;
  const first = await store.run("k1", { amount: 100 }, async () => ({ id: `ch_${++calls}` }));
  const second = await store.run("k1", { amount: 100 }, async () => ({ id: `ch_${++calls}` }));
  assert.deepEqual(second, { replayed: true, response: first.response });
  assert.equal(calls, 1);
});

test("the same key with another body is a conflict", async () => {
  const store = new IdempotencyStore({ ttlMs: 1000 });
  await store.run("k1", { amount: 100 }, async () => ({}));
  await assert.rejects(store.run("k1", { amount: 200 }, async () => ({})), IdempotencyConflict);
});

test("an expired key runs again", async () => {
  let now = 0;
  const store = new IdempotencyStore({ ttlMs: 1000, now: () => now });
  await store.run("k1", {}, async () => "first");
  now = 1001;
  assert.deepEqual(await store.run("k1", {}, async () => "second"), { replayed: false, response: "second" });
});

test("the service config has a processor timeout and a replay window", () => {
  const config = loadConfig(new URL("../config/app.yaml", import.meta.url), { warn: () => {} });
  assert.ok(config.processor.timeout_ms > 0);
  assert.ok(config.idempotency.ttl_hours >= 24, "processors retry webhooks for up to a day");
});
