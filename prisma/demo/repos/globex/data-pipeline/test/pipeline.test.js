import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { runPipeline } from "../src/run-pipeline.js";
import { dedupe, normalizeRow } from "../src/transform.js";

const config = JSON.parse(readFileSync(new URL("../config/pipeline.json", import.meta.url), "utf8"));
const sample = readFileSync(new URL("../data/orders-sample.csv", import.meta.url), "utf8");

test("the sample export: duplicates merged, bad rows counted by reason", () => {
  const result = runPipeline(sample, config);
  assert.equal(result.read, 6);
  assert.deepEqual(result.rows.map((r) => r.order_id), ["ORD-100001", "ORD-100002", "ORD-100003"]);
  assert.equal(result.rows.find((r) => r.order_id === "ORD-100002").quantity, 2);
  assert.deepEqual(result.rejected, { "quantity is below 1": 1, "country does not match ^[A-Z]{2}$": 1 });
  assert.equal(result.ok, false, "2 of 6 rejected is over the 5% limit");
});

test("prices are normalised to two decimals", () => {
  const row = { order_id: "ORD-000001", sku: "TEE-0001", quantity: "1", unit_price: "5", country: "US", updated_at: "2023-12-01T00:00:00Z" };
  assert.equal(normalizeRow(row, config.schema).row.unit_price, "5.00");
});

test("dedupe keeps the latest row per key", () => {
  const rows = [{ id: 1, at: "2023-01-02" }, { id: 1, at: "2023-01-03" }, { id: 1, at: "2023-01-01" }];
  assert.deepEqual(dedupe(rows, "id", "at"), [{ id: 1, at: "2023-01-03" }]);
});
