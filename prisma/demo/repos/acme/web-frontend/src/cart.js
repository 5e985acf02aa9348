// Cart arithmetic in integer cents: floats would drift by a cent on some totals, and a cent off is
// a support ticket. Functions return new arrays so the UI can compare by reference.

export function addItem(items, { sku, unitCents, quantity = 1 }) {
  if (!Number.isInteger(unitCents) || unitCents < 0) throw new RangeError(`unitCents must be a non-negative integer, got ${unitCents}`);
  if (!Number.isInteger(quantity) || quantity < 1) throw new RangeError(`quantity must be a positive integer, got ${quantity}`);
  const existing = items.find((i) => i.sku === sku);
  if (!existing) return [...items, { sku, unitCents, quantity }];
  return items.map((i) => (i.sku === sku ? { ...i, quantity: i.quantity + quantity } : i));
}

export function removeItem(items, sku) {
  return items.filter((i) => i.sku !== sku);
}

export function cartTotals(items, { taxRate = 0, discountCents = 0 } = {}) {
  const subtotal = items.reduce((sum, i) => sum + i.unitCents * i.quantity, 0);
  // A discount never takes the total below zero; tax applies to what is actually paid.
  const discount = Math.min(discountCents, subtotal);
  const tax = Math.round((subtotal - discount) * taxRate);
  return { subtotal, discount, tax, total: subtotal - discount + tax };
}
