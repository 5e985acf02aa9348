// What redaction looks for, in the order it looks. Order matters: specific credentials run before
// the generic shapes that could also match them (a GitHub token inside a URL stays a github_token,
// an AWS secret assignment is not also a password assignment), and generic patterns skip values
// that already read "[REDACTED", so nothing is counted twice.
//
// Each pattern is compiled once. Every pattern either starts at a word boundary or carries a
// lookbehind that forbids starting inside a run of the characters it consumes, so a long run
// without a match is scanned once rather than once per position (a 1 MiB string stays linear).
//
// A pattern may keep a prefix (named group `pre`) and a suffix (`post`) around the marker, so
// `AccountKey=...` becomes `AccountKey=[REDACTED:azure_key]` and the reader still sees what it was.
export type SecretPattern = { kind: string; re: RegExp };

const NOT_REDACTED = "(?!\\[REDACTED)";

/** Credentials: removed everywhere (stored rows, logs, audit payloads, webhooks, model context). */
export const CREDENTIAL_PATTERNS: SecretPattern[] = [
  // A GCP service-account file: the private_key field holds a PEM with escaped newlines.
  { kind: "gcp_private_key", re: /(?<pre>"private_key"[ \t]*:[ \t]*")-----BEGIN [A-Z ]*PRIVATE KEY-----[^"]*(?<post>")/g },
  // PEM and OpenSSH private keys; one cut off before its END line (head of a key file, truncated
  // output) is removed up to the end of its base64 body. The search for END stops at the next
  // BEGIN, which keeps many unterminated headers linear.
  {
    kind: "private_key",
    re: /-----BEGIN [A-Z ]*PRIVATE KEY(?: BLOCK)?-----(?:(?:(?!-----BEGIN )[\s\S])*?-----END [A-Z ]*PRIVATE KEY(?: BLOCK)?-----|(?:[A-Za-z0-9+/=:, \t\r\n-]|\\n)*)/g,
  },
  {
    kind: "aws_secret_key",
    re: /(?<pre>\b(?:aws[_-]?)?secret[_-]?access[_-]?key["']?[ \t]*[:=][ \t]*["']?)[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+])/gi,
  },
  { kind: "aws_key", re: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g },
  // Classic (ghp_), OAuth (gho_), user-to-server (ghu_), server-to-server (ghs_), refresh (ghr_), fine-grained.
  { kind: "github_token", re: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,})\b/g },
  { kind: "slack_token", re: /\bxox[abprs]-[A-Za-z0-9-]{10,}/g },
  { kind: "stripe_key", re: /\b[rs]k_live_[A-Za-z0-9]{16,}\b/g },
  { kind: "azure_key", re: /(?<pre>\b(?:AccountKey|SharedAccessKey)[ \t]*=[ \t]*)[A-Za-z0-9+/]{20,}={0,2}/g },
  { kind: "fleetgate_token", re: /\bfg_[A-Za-z0-9_-]{20,}\b/g },
  { kind: "jwt", re: /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\b/g },
  // user:password in a database URL; the scheme, host and database stay readable.
  {
    kind: "database_url",
    re: new RegExp(
      `(?<pre>\\b(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\\+srv)?|rediss?|amqps?|mssql|sqlserver|cockroachdb|clickhouse)://)${NOT_REDACTED}[^\\s:@/]*:[^\\s@/]+(?=@)`,
      "gi",
    ),
  },
  // user:password in any other URL (https://user:pass@host, ftp://...).
  { kind: "url_credentials", re: new RegExp(`(?<pre>(?<![a-z0-9+.-])[a-z][a-z0-9+.-]*://)${NOT_REDACTED}[^\\s:@/]+:${NOT_REDACTED}[^\\s@/]+(?=@)`, "gi") },
  // The token of an Authorization header or a curl -H; it must hold a digit, so prose ("Bearer
  // authentication") is left alone.
  { kind: "bearer_token", re: new RegExp(`(?<pre>\\b[Bb]earer[ \\t]+)${NOT_REDACTED}(?=[A-Za-z._~+/-]*[0-9])[A-Za-z0-9._~+/-]{12,}=*`, "g") },
  { kind: "basic_auth", re: new RegExp(`(?<pre>\\bAuthorization["']?[ \\t]*[:=][ \\t]*["']?Basic[ \\t]+)${NOT_REDACTED}[A-Za-z0-9+/]{8,}={0,2}`, "gi") },
  // password=..., "password": "...", PASSWORD: x, DB_PASSWORD=..., client_secret: ... (key and value
  // go). A bare PWD/PASS is not a password (PWD= is the working directory in `env` output), but
  // DB_PASS and DB_PWD are. A key with no value on its line is left alone.
  {
    kind: "password_assignment",
    re: new RegExp(
      `(?<![A-Za-z0-9_-])["']?(?:(?:[A-Za-z0-9]+[_-])*(?:password|passwd|secret)|(?:[A-Za-z0-9]+[_-])+(?:pass|pwd))(?:[_-][A-Za-z0-9]+)*["']?` +
        `[ \\t]*[:=][ \\t]*${NOT_REDACTED}(?:"[^"\\n]*"|'[^'\\n]*'|[^\\s"']\\S*)`,
      "gi",
    ),
  },
];

const IPV4_PRIVATE = String.raw`(?:127(?:\.\d{1,3}){3}|10(?:\.\d{1,3}){3}|192\.168(?:\.\d{1,3}){2}|172\.(?:1[6-9]|2\d|3[01])(?:\.\d{1,3}){2}|169\.254(?:\.\d{1,3}){2}|0\.0\.0\.0)`;
const IPV6_PRIVATE = String.raw`\[(?:::1?|::ffff:[0-9a-f.:]+|f[cd][0-9a-f]{2}:[0-9a-f:]*|fe[89ab][0-9a-f]:[0-9a-f:]*)(?:%[^\]\s]*)?\]`;
const NAMED_PRIVATE = String.raw`(?:localhost|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:internal|local|localhost|corp|lan|intranet))`;

/**
 * Exposure: not credentials, but nothing a model provider needs to see (people's addresses, the
 * organisation's internal hosts). Only the "model" profile removes them; an audit trail keeps them.
 */
export const EXPOSURE_PATTERNS: SecretPattern[] = [
  {
    kind: "private_url",
    re: new RegExp(
      String.raw`\bhttps?://(?:[^\s/@]+@)?(?:${IPV4_PRIVATE}|${IPV6_PRIVATE}|${NAMED_PRIVATE})(?![a-z0-9.-])(?::\d+)?(?:[/?#](?:[^\s"'<>]*[^\s"'<>.,;:!?)\]])?)?`,
      "gi",
    ),
  },
  // git@host:org/repo is an SSH remote, not a person.
  { kind: "email", re: /(?<![A-Za-z0-9._%+-])(?!git@)[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![A-Za-z0-9-])/g },
];
