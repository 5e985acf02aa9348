// Product URLs are derived from titles; accents are folded so "Crème brûlée" and "Creme brulee"
// land on the same page.
export function slugify(title) {
  return title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}
