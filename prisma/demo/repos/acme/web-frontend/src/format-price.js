// Prices travel as integer cents from the API; this is the only place they become text.
export function formatPrice(cents, { currency = "USD", locale = "en-US" } = {}) {
  if (!Number.isInteger(cents)) throw new TypeError(`price must be integer cents, got ${cents}`);
  return new Intl.NumberFormat(locale, { style: "currency", currency }).format(cents / 100);
}
