// Removes secrets from anything before it is stored or shown. Keys that name a secret lose their
// value; strings that look like credentials are replaced. Counts say what was removed, by kind.
export type RedactionCounts = Record<string, number>;

const SECRET_KEY = /(pass(word)?|secret|token|api[-_]?key|private[-_]?key|credential|authorization|cookie)/i;

const PATTERNS: { kind: string; re: RegExp }[] = [
  { kind: "private_key", re: /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g },
  { kind: "aws_key", re: /\b(AKIA|ASIA)[0-9A-Z]{16}\b/g },
  { kind: "github_token", re: /\b(gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,})\b/g },
  { kind: "fleetgate_token", re: /\bfg_[A-Za-z0-9_-]{20,}\b/g },
  { kind: "jwt", re: /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\b/g },
  { kind: "password_assignment", re: /\b(password|passwd|pwd|secret)\s*[:=]\s*\S+/gi },
];

export function redactString(value: string, counts: RedactionCounts): string {
  let out = value;
  for (const { kind, re } of PATTERNS) {
    out = out.replace(re, () => {
      counts[kind] = (counts[kind] ?? 0) + 1;
      return `[REDACTED:${kind}]`;
    });
  }
  return out;
}

export function redact<T>(value: T, counts: RedactionCounts = {}): T {
  return walk(value, counts) as T;
}

function walk(value: unknown, counts: RedactionCounts): unknown {
  if (typeof value === "string") return redactString(value, counts);
  if (Array.isArray(value)) return value.map((v) => walk(v, counts));
  if (value && typeof value === "object" && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (SECRET_KEY.test(k) && v !== null && v !== undefined && typeof v !== "boolean") {
        counts.secret_field = (counts.secret_field ?? 0) + 1;
        out[k] = "[REDACTED]";
      } else out[k] = walk(v, counts);
    }
    return out;
  }
  return value;
}
