// Stored responses for idempotency keys. The body hash is part of the record: a client that
// reuses a key for a different request gets an error instead of someone else's response.
import { createHash } from "node:crypto";

export class IdempotencyConflict extends Error {}

export class IdempotencyStore {
  #records = new Map();

  constructor({ ttlMs, now = () => Date.now() }) {
    this.ttlMs = ttlMs;
    this.now = now;
  }

  /** Runs `execute` once per key and body; later calls with the same pair get the stored result. */
  async run(key, body, execute) {
    const hash = createHash("sha256").update(JSON.stringify(body)).digest("hex");
    const found = this.#records.get(key);
    if (found && found.expiresAt > this.now()) {
      if (found.hash !== hash) throw new IdempotencyConflict(`idempotency key ${key} was used for a different request`);
      return { replayed: true, response: found.response };
    }
    const response = await execute();
    this.#records.set(key, { hash, response, expiresAt: this.now() + this.ttlMs });
    return { replayed: false, response };
  }
}
