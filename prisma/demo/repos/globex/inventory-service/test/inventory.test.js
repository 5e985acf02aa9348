import assert from "node:assert/strict";
import { test } from "node:test";
import { Inventory } from "../src/inventory.js";
import { isSku } from "../src/sku.js";

test("reserving lowers what is available", () => {
  const inventory = new Inventory();
  inventory.restock("AUS1", "TEE-0001-MD", 10);
  inventory.reserve("ord_1", "AUS1", "TEE-0001-MD", 3);
  assert.equal(inventory.available("AUS1", "TEE-0001-MD"), 7);
});

test("a reservation beyond what is available is refused", () => {
  const inventory = new Inventory();
  inventory.restock("DUB1", "MUG-0420", 2);
  assert.throws(() => inventory.reserve("ord_2", "DUB1", "MUG-0420", 3), /not enough/);
});

test("reserving again for the same order holds the units once", () => {
  const inventory = new Inventory();
  inventory.restock("AUS1", "CAP-0007", 5);
  inventory.reserve("ord_3", "AUS1", "CAP-0007", 2);
  inventory.reserve("ord_3", "AUS1", "CAP-0007", 2);
  assert.equal(inventory.available("AUS1", "CAP-0007"), 3);
});

test("releasing twice returns the units once", () => {
  const inventory = new Inventory();
  inventory.restock("SIN1", "BAG-1000", 4);
  inventory.reserve("ord_4", "SIN1", "BAG-1000", 4);
  assert.equal(inventory.release("ord_4"), true);
  assert.equal(inventory.release("ord_4"), false);
  assert.equal(inventory.available("SIN1", "BAG-1000"), 4);
});

test("an expired reservation no longer holds stock and cannot be committed", () => {
  let now = 0;
  const inventory = new Inventory({ holdMinutes: 15, now: () => now });
  inventory.restock("AUS1", "TEE-0001-LG", 1);
  inventory.reserve("ord_5", "AUS1", "TEE-0001-LG", 1);
  now = 15 * 60_000;
  assert.equal(inventory.available("AUS1", "TEE-0001-LG"), 1);
  assert.throws(() => inventory.commit("ord_5"), /no live reservation/);
});

test("committing ships the units", () => {
  const inventory = new Inventory();
  inventory.restock("AUS1", "TEE-0002", 5);
  inventory.reserve("ord_6", "AUS1", "TEE-0002", 2);
  inventory.commit("ord_6");
  assert.equal(inventory.available("AUS1", "TEE-0002"), 3);
});

test("SKU format", () => {
  assert.equal(isSku("TEE-0001-MD"), true);
  assert.equal(isSku("tee-0001"), false);
  assert.equal(isSku("TEE-01"), false);
});
