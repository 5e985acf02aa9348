import assert from "node:assert/strict";
import { test } from "node:test";
import { addItem, cartTotals, removeItem } from "../src/cart.js";

test("adding the same sku twice merges the quantities", () => {
  let items = addItem([], { sku: "MUG-01", unitCents: 1299 });
  items = addItem(items, { sku: "MUG-01", unitCents: 1299, quantity: 2 });
  assert.deepEqual(items, [{ sku: "MUG-01", unitCents: 1299, quantity: 3 }]);
});

test("removing an item keeps the others", () => {
  const items = [{ sku: "A", unitCents: 100, quantity: 1 }, { sku: "B", unitCents: 200, quantity: 1 }];
  assert.deepEqual(removeItem(items, "A").map((i) => i.sku), ["B"]);
});

test("totals apply the discount before tax", () => {
  const items = [{ sku: "A", unitCents: 1000, quantity: 2 }];
  assert.deepEqual(cartTotals(items, { taxRate: 0.1, discountCents: 500 }), { subtotal: 2000, discount: 500, tax: 150, total: 1650 });
});

test("a discount larger than the subtotal gives a zero total", () => {
  const items = [{ sku: "A", unitCents: 300, quantity: 1 }];
  assert.equal(cartTotals(items, { discountCents: 1000 }).total, 0);
});

test("fractional prices are refused", () => {
  assert.throws(() => addItem([], { sku: "A", unitCents: 9.99 }), RangeError);
});
