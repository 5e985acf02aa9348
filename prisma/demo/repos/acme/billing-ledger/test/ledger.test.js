import assert from "node:assert/strict";
import { test } from "node:test";
import { Ledger } from "../src/ledger.js";

const invoicePaid = {
  id: "je_1001",
  lines: [
    { account: "1000", currency: "USD", amount: 9700 },
    { account: "6100", currency: "USD", amount: 300 },
    { account: "1200", currency: "USD", amount: -10000 },
  ],
};

test("a balanced entry moves the balances", () => {
  const ledger = new Ledger();
  ledger.post(invoicePaid);
  assert.equal(ledger.balance("1000", "USD"), 9700);
  assert.equal(ledger.balance("1200", "USD"), -10000);
  assert.deepEqual(ledger.trialBalance(), { USD: 0 });
});

test("an unbalanced entry is refused and changes nothing", () => {
  const ledger = new Ledger();
  assert.throws(() => ledger.post({ id: "je_2", lines: [{ account: "1000", currency: "USD", amount: 100 }, { account: "4000", currency: "USD", amount: -99 }] }), /off by 1/);
  assert.equal(ledger.balance("1000", "USD"), 0);
});

test("posting the same entry twice posts it once", () => {
  const ledger = new Ledger();
  ledger.post(invoicePaid);
  ledger.post(structuredClone(invoicePaid));
  assert.equal(ledger.balance("1000", "USD"), 9700);
});

test("reusing an entry id for other lines is an error", () => {
  const ledger = new Ledger();
  ledger.post(invoicePaid);
  const other = { ...invoicePaid, lines: invoicePaid.lines.map((l) => ({ ...l, amount: l.amount * 2 })) };
  assert.throws(() => ledger.post(other), /already posted/);
});

test("unknown accounts and currencies are refused", () => {
  const ledger = new Ledger();
  assert.throws(() => ledger.post({ id: "x", lines: [{ account: "9999", currency: "USD", amount: 1 }, { account: "1000", currency: "USD", amount: -1 }] }), /unknown account/);
  assert.throws(() => ledger.post({ id: "y", lines: [{ account: "1000", currency: "XTS", amount: 1 }, { account: "4000", currency: "XTS", amount: -1 }] }), /unknown currency/);
});
