// Stock per warehouse and SKU. Reservations are keyed by order id so a retried reserve or release
// for the same order changes nothing the second time.
import { normalizeSku } from "./sku.js";

export class Inventory {
  #onHand = new Map();
  #reservations = new Map();

  constructor({ holdMinutes = 15, maxUnitsPerOrder = 50, now = () => Date.now() } = {}) {
    this.holdMs = holdMinutes * 60_000;
    this.maxUnitsPerOrder = maxUnitsPerOrder;
    this.now = now;
  }

  restock(warehouse, sku, units) {
    if (!Number.isInteger(units) || units <= 0) throw new RangeError("restock units must be a positive integer");
    const key = `${warehouse}/${normalizeSku(sku)}`;
    this.#onHand.set(key, (this.#onHand.get(key) ?? 0) + units);
  }

  available(warehouse, sku) {
    const key = `${warehouse}/${normalizeSku(sku)}`;
    let reserved = 0;
    for (const r of this.#live()) if (r.key === key) reserved += r.units;
    return (this.#onHand.get(key) ?? 0) - reserved;
  }

  reserve(orderId, warehouse, sku, units) {
    const existing = this.#reservations.get(orderId);
    if (existing && existing.expiresAt > this.now()) return existing;
    if (!Number.isInteger(units) || units <= 0 || units > this.maxUnitsPerOrder) {
      throw new RangeError(`units must be between 1 and ${this.maxUnitsPerOrder}`);
    }
    if (this.available(warehouse, sku) < units) throw new Error(`not enough ${sku} in ${warehouse}`);
    const reservation = { orderId, key: `${warehouse}/${normalizeSku(sku)}`, units, expiresAt: this.now() + this.holdMs, committed: false };
    this.#reservations.set(orderId, reservation);
    return reservation;
  }

  release(orderId) {
    const reservation = this.#reservations.get(orderId);
    if (!reservation || reservation.committed) return false;
    this.#reservations.delete(orderId);
    return true;
  }

  /** The order shipped: the units leave the warehouse and the reservation ends. */
  commit(orderId) {
    const reservation = this.#reservations.get(orderId);
    if (!reservation || reservation.expiresAt <= this.now()) throw new Error(`no live reservation for order ${orderId}`);
    this.#onHand.set(reservation.key, this.#onHand.get(reservation.key) - reservation.units);
    this.#reservations.delete(orderId);
  }

  *#live() {
    const now = this.now();
    for (const r of this.#reservations.values()) if (r.expiresAt > now) yield r;
  }
}
