// Removes secrets from anything before it is stored or shown. Keys that name a secret lose their
// value; strings that look like credentials are replaced by [REDACTED:<kind>]. Counts say what was
// removed, by kind, so a reader knows something was there.
//
// Two profiles. "credentials" (the default) removes credentials and is what every store, log,
// audit payload and webhook uses. "model" also removes e-mail addresses and private URLs, for text
// that leaves the organisation for a model provider; the audit trail must keep who was added.
import { CREDENTIAL_PATTERNS, EXPOSURE_PATTERNS, type SecretPattern } from "./secret-patterns";

export type RedactionCounts = Record<string, number>;
export type RedactionProfile = "credentials" | "model";
export type RedactOptions = { profile?: RedactionProfile };

const SECRET_KEY = /(pass(word)?|secret|token|api[-_]?key|private[-_]?key|credential|authorization|cookie)/i;

/** Keys that count a model's tokens: "token" there is a unit of text, and the number says how many. */
const TOKEN_COUNT_KEY = /^(?:(?:input|output|prompt|completion|total|cached|max(?:_?output)?)_?tokens|token_?budget)$/i;

/** Every kind a count can name: what the patterns find, and secret_field for a key that names a secret. */
const REDACTION_KINDS: ReadonlySet<string> = new Set([...CREDENTIAL_PATTERNS, ...EXPOSURE_PATTERNS].map((p) => p.kind).concat("secret_field"));

const isCount = (n: unknown) => Number.isSafeInteger(n) && (n as number) >= 0;

/**
 * A tally of what was redacted, by kind (`{ private_key: 1, email: 2 }`): metadata that names kinds
 * of secrets, never a secret itself, so it is kept as it is. Only counts qualify; a string or an
 * object under such a key is still blanked.
 */
function isRedactionCounts(value: object): boolean {
  const entries = Object.entries(value);
  return entries.length > 0 && entries.every(([k, n]) => REDACTION_KINDS.has(k) && isCount(n));
}

const PROFILES: Record<RedactionProfile, SecretPattern[]> = {
  credentials: CREDENTIAL_PATTERNS,
  model: [...CREDENTIAL_PATTERNS, ...EXPOSURE_PATTERNS],
};

export const redactionMarker = (kind: string) => `[REDACTED:${kind}]`;

export function redactString(value: string, counts: RedactionCounts, options: RedactOptions = {}): string {
  let out = value;
  for (const { kind, re } of PROFILES[options.profile ?? "credentials"]) {
    // The regexes are shared and global: replace() resets lastIndex itself.
    out = out.replace(re, (...args) => {
      counts[kind] = (counts[kind] ?? 0) + 1;
      const groups = args.at(-1) as Record<string, string | undefined> | string;
      const named = typeof groups === "object" ? groups : {};
      return `${named.pre ?? ""}${redactionMarker(kind)}${named.post ?? ""}`;
    });
  }
  return out;
}

/** Free text in, redacted text and what was removed out. */
export function redactText(text: string, options: RedactOptions = {}): { text: string; counts: RedactionCounts } {
  const counts: RedactionCounts = {};
  return { text: redactString(text, counts, options), counts };
}

export function redact<T>(value: T, counts: RedactionCounts = {}, options: RedactOptions = {}): T {
  return walk(value, counts, options) as T;
}

function walk(value: unknown, counts: RedactionCounts, options: RedactOptions): unknown {
  if (typeof value === "string") return redactString(value, counts, options);
  if (Array.isArray(value)) return value.map((v) => walk(v, counts, options));
  if (value && typeof value === "object" && !(value instanceof Date)) {
    if (isRedactionCounts(value)) return { ...value };
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const metadata = TOKEN_COUNT_KEY.test(k) && isCount(v);
      if (SECRET_KEY.test(k) && !metadata && v !== null && v !== undefined && typeof v !== "boolean") {
        counts.secret_field = (counts.secret_field ?? 0) + 1;
        out[k] = "[REDACTED]";
      } else out[k] = walk(v, counts, options);
    }
    return out;
  }
  return value;
}
