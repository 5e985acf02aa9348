// A journal entry is a set of lines (account, currency, amount); debits are positive, credits
// negative, and the lines of each currency sum to zero. Entries are immutable once posted.
import { readFileSync } from "node:fs";
import { minorUnits } from "./money.js";

const { accounts } = JSON.parse(readFileSync(new URL("../config/ledger.json", import.meta.url), "utf8"));
const ACCOUNT_CODES = new Set(accounts.map((a) => a.code));

export class Ledger {
  #entries = new Map();

  post({ id, lines }) {
    if (!id) throw new TypeError("an entry needs an id (its idempotency key)");
    const previous = this.#entries.get(id);
    if (previous) {
      // A retry of the same request is fine; reusing an id for different lines is a bug upstream.
      if (JSON.stringify(previous.lines) !== JSON.stringify(lines)) throw new Error(`entry ${id} was already posted with other lines`);
      return previous;
    }
    validate(lines);
    const entry = Object.freeze({ id, lines: Object.freeze(lines.map((l) => Object.freeze({ ...l }))) });
    this.#entries.set(id, entry);
    return entry;
  }

  balance(account, currency) {
    let sum = 0;
    for (const entry of this.#entries.values()) {
      for (const line of entry.lines) if (line.account === account && line.currency === currency) sum += line.amount;
    }
    return sum;
  }

  trialBalance() {
    const totals = {};
    for (const entry of this.#entries.values()) {
      for (const line of entry.lines) totals[line.currency] = (totals[line.currency] ?? 0) + line.amount;
    }
    return totals;
  }
}

function validate(lines) {
  if (!Array.isArray(lines) || lines.length < 2) throw new RangeError("an entry needs at least two lines");
  const sums = {};
  for (const line of lines) {
    if (!ACCOUNT_CODES.has(line.account)) throw new RangeError(`unknown account ${line.account}`);
    minorUnits(line.currency);
    if (!Number.isSafeInteger(line.amount) || line.amount === 0) throw new RangeError("amounts are non-zero integers in minor units");
    sums[line.currency] = (sums[line.currency] ?? 0) + line.amount;
  }
  for (const [currency, sum] of Object.entries(sums)) {
    if (sum !== 0) throw new RangeError(`entry does not balance in ${currency}: off by ${sum}`);
  }
}
