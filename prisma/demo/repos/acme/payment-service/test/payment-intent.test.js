import assert from "node:assert/strict";
import { test } from "node:test";
import { createIntent, isFinal, transition, TransitionError } from "../src/payment-intent.js";

test("a card payment goes from created to succeeded", () => {
  let intent = createIntent({ id: "pi_1", amount: 2599, currency: "USD" });
  for (const to of ["requires_confirmation", "processing", "succeeded"]) intent = transition(intent, to, "2023-12-01T00:00:00Z");
  assert.equal(intent.status, "succeeded");
  assert.equal(intent.history.length, 3);
});

test("a processing payment cannot be canceled", () => {
  let intent = createIntent({ id: "pi_2", amount: 100, currency: "EUR" });
  intent = transition(transition(intent, "requires_confirmation"), "processing");
  assert.throws(() => transition(intent, "canceled"), TransitionError);
});

test("refunded and canceled intents are final", () => {
  const canceled = transition(createIntent({ id: "pi_3", amount: 1, currency: "USD" }), "canceled");
  assert.equal(isFinal(canceled), true);
});

test("amounts are positive integers in minor units", () => {
  assert.throws(() => createIntent({ id: "pi_4", amount: 10.5, currency: "USD" }), RangeError);
  assert.throws(() => createIntent({ id: "pi_5", amount: 100, currency: "usd" }), RangeError);
});
