// A token bucket per caller: bursts up to `capacity`, then `refillPerSecond` sustained. The clock
// is injected so tests do not sleep.
export class RateLimiter {
  #buckets = new Map();

  constructor({ capacity, refillPerSecond, now = () => Date.now() }) {
    this.capacity = capacity;
    this.refillPerSecond = refillPerSecond;
    this.now = now;
  }

  /** Takes one token for the caller; answers how long to wait when none is left. */
  take(caller) {
    const now = this.now();
    const bucket = this.#buckets.get(caller) ?? { tokens: this.capacity, at: now };
    bucket.tokens = Math.min(this.capacity, bucket.tokens + ((now - bucket.at) / 1000) * this.refillPerSecond);
    bucket.at = now;
    this.#buckets.set(caller, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true, retryAfterSeconds: 0 };
    }
    return { allowed: false, retryAfterSeconds: Math.ceil((1 - bucket.tokens) / this.refillPerSecond) };
  }
}
