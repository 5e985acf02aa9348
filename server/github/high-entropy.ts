// Strings that look generated rather than written: long, random, mixing upper case, lower case and
// digits, with high Shannon entropy, as keys and tokens of unknown kinds are. Written text, identifiers
// (camelCase is mostly lower case), paths, hex digests and UUIDs (no mixed case), and the hashes that
// lock files carry by design (`sha512-...` integrity, Go's `h1:`, data URIs) do not count.
const CANDIDATE = /[A-Za-z0-9+/_-]{20,}={0,2}/g;
const MIN_ENTROPY = 3.8; // bits per character
const MIN_EACH_CLASS = 2;
const MIN_NOT_LOWER = 0.3; // random base64 has ~0.55; an identifier ~0.1
// Content hashes that lock files and manifests publish on purpose.
const PUBLISHED_HASH = /^(?:sha(?:1|256|384|512)-|h1:)/;
const PUBLISHED_HASH_BEFORE = /(?:\bh1:|;base64,|\bsha(?:1|256|384|512)[-:])$/;

export function shannonEntropy(s: string): number {
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

function looksGenerated(token: string): boolean {
  const body = token.replace(/=+$/, "");
  if (body.length < 20 || PUBLISHED_HASH.test(token)) return false;
  const upper = (body.match(/[A-Z]/g) ?? []).length;
  const lower = (body.match(/[a-z]/g) ?? []).length;
  const digit = (body.match(/[0-9]/g) ?? []).length;
  if (upper < MIN_EACH_CLASS || lower < MIN_EACH_CLASS || digit < MIN_EACH_CLASS) return false;
  if ((body.length - lower) / body.length < MIN_NOT_LOWER) return false;
  return shannonEntropy(body) >= MIN_ENTROPY;
}

/** The generated-looking tokens of a text, with where each starts. */
export function highEntropyTokens(text: string): { token: string; index: number }[] {
  const out: { token: string; index: number }[] = [];
  for (const m of text.matchAll(CANDIDATE)) {
    if (PUBLISHED_HASH_BEFORE.test(text.slice(Math.max(0, m.index - 8), m.index))) continue;
    if (looksGenerated(m[0])) out.push({ token: m[0], index: m.index });
  }
  return out;
}
