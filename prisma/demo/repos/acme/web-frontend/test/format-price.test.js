import assert from "node:assert/strict";
import { test } from "node:test";
import { formatPrice } from "../src/format-price.js";
import { slugify } from "../src/slugify.js";

test("cents are formatted as dollars", () => {
  assert.equal(formatPrice(1234), "$12.34");
  assert.equal(formatPrice(0), "$0.00");
});

test("non-integer cents are a bug upstream, not something to round", () => {
  assert.throws(() => formatPrice(12.5), TypeError);
});

test("slugs fold accents and punctuation", () => {
  assert.equal(slugify("Crème Brûlée: Kit #2"), "creme-brulee-kit-2");
});
