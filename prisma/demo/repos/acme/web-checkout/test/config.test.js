import assert from "node:assert/strict";
import { test } from "node:test";
import { loadConfig, parseConfig } from "../src/config.js";

test("the service's config names it, its team and its timeout", () => {
  assert.deepEqual(loadConfig(), { service: "web-checkout", team: "web", port: 8116, timeoutMs: 2000 });
});

test("numbers are numbers, other values stay text", () => {
  assert.deepEqual(parseConfig("port: 8080\nservice: a-b\n# a comment"), { port: 8080, service: "a-b" });
});
