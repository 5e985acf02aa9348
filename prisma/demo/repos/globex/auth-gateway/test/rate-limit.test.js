import assert from "node:assert/strict";
import { test } from "node:test";
import { loadConfig } from "../src/config.js";
import { RateLimiter } from "../src/rate-limit.js";

test("a burst up to the capacity is allowed, the next request waits", () => {
  const limiter = new RateLimiter({ capacity: 3, refillPerSecond: 1, now: () => 0 });
  for (let i = 0; i < 3; i++) assert.equal(limiter.take("a").allowed, true);
  assert.deepEqual(limiter.take("a"), { allowed: false, retryAfterSeconds: 1 });
});

test("tokens refill over time and callers do not share buckets", () => {
  let now = 0;
  const limiter = new RateLimiter({ capacity: 1, refillPerSecond: 2, now: () => now });
  assert.equal(limiter.take("a").allowed, true);
  assert.equal(limiter.take("a").allowed, false);
  assert.equal(limiter.take("b").allowed, true);
  now = 500;
  assert.equal(limiter.take("a").allowed, true);
});

test("every upstream has a url and a timeout", () => {
  const config = loadConfig(new URL("../config/gateway.yaml", import.meta.url), { warn: () => {} });
  for (const [name, upstream] of Object.entries(config.upstreams)) {
    assert.match(upstream.url, /^https?:\/\//, name);
    assert.ok(upstream.timeout_ms > 0, `${name}: timeout_ms`);
  }
});
