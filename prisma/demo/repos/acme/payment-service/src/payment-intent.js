// The payment intent's lifecycle. Money moves only on the transitions listed here; a request
// that would take another path is refused rather than guessed at.
const TRANSITIONS = {
  requires_payment_method: ["requires_confirmation", "canceled"],
  requires_confirmation: ["processing", "requires_payment_method", "canceled"],
  processing: ["succeeded", "failed"],
  failed: ["requires_payment_method"],
  succeeded: ["refunded"],
  canceled: [],
  refunded: [],
};

export const STATES = Object.keys(TRANSITIONS);

export class TransitionError extends Error {
  constructor(from, to) {
    super(`a payment intent cannot go from ${from} to ${to}`);
    this.name = "TransitionError";
  }
}

export function createIntent({ id, amount, currency }) {
  if (!Number.isSafeInteger(amount) || amount <= 0) throw new RangeError("amount must be a positive integer in minor units");
  if (!/^[A-Z]{3}$/.test(currency)) throw new RangeError(`currency must be an ISO 4217 code, got ${currency}`);
  return Object.freeze({ id, amount, currency, status: "requires_payment_method", history: Object.freeze([]) });
}

export function transition(intent, to, at = new Date().toISOString()) {
  if (!TRANSITIONS[intent.status]?.includes(to)) throw new TransitionError(intent.status, to);
  return Object.freeze({ ...intent, status: to, history: Object.freeze([...intent.history, { from: intent.status, to, at }]) });
}

export function isFinal(intent) {
  return TRANSITIONS[intent.status].length === 0;
}
