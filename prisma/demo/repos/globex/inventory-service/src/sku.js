// SKUs are printed on shelf labels, so the format is strict: three letters, four digits and an
// optional two-letter size.
const SKU = /^[A-Z]{3}-\d{4}(?:-(XS|SM|MD|LG|XL))?$/;

export function isSku(text) {
  return typeof text === "string" && SKU.test(text);
}

export function normalizeSku(text) {
  const sku = String(text).trim().toUpperCase();
  if (!isSku(sku)) throw new RangeError(`not a SKU: ${JSON.stringify(text)}`);
  return sku;
}
