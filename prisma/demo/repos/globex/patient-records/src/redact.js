// Identifiers that must not leave the records system in free text. Each pattern is replaced by a
// label naming what was removed, so a redacted support ticket still reads sensibly.
const PATTERNS = [
  ["EMAIL", /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g],
  ["SSN", /\b\d{3}-\d{2}-\d{4}\b/g],
  ["MRN", /\bMRN-\d{8}\b/g],
  ["PHONE", /(?:\+1[ .-]?)?\(?\b\d{3}\)?[ .-]?\d{3}[ .-]\d{4}\b/g],
];

export function redact(text) {
  let count = 0;
  let out = text;
  for (const [label, pattern] of PATTERNS) {
    out = out.replace(pattern, () => {
      count++;
      return `[${label}]`;
    });
  }
  return { text: out, count };
}
