// The last gate before anything leaves for a code host: the patch's added lines, the commit message and
// the PR body are scanned for secrets. A run's stored patch is exact and unredacted, and a shell command
// can copy a file the read policy hides (`cat .env >> src/config.js`), so redaction elsewhere does not
// make a publication safe. Any finding blocks publishing.
//
// What counts: every credential the redaction detectors know (server/redaction/secret-patterns.ts),
// and high-entropy strings that look like generated keys (see high-entropy.ts). Findings say where
// (file and line of the new file, or which text) and what kind, with a redacted excerpt, never the secret.
import { parsePatch } from "diff";
import { redactString } from "../redaction/redact";
import { CREDENTIAL_PATTERNS } from "../redaction/secret-patterns";
import { highEntropyTokens } from "./high-entropy";

export type PublicationPart = "patch" | "commit_message" | "pr_body";

export type SecretFinding = {
  part: PublicationPart;
  /** The file and its line in the new version, for the patch. */
  file: string | null;
  line: number | null;
  kind: string;
  /** The line with every secret replaced by its marker. */
  excerpt: string;
};

const EXCERPT_MAX = 160;

/** Numbered lines of one text (a file's added lines, a message): every credential (across lines too) and high-entropy token. */
function scanLines(part: PublicationPart, file: string | null, lines: readonly { text: string; line: number | null }[]): SecretFinding[] {
  const text = lines.map((l) => l.text).join("\n");
  const starts: number[] = [];
  let at = 0;
  for (const l of lines) { starts.push(at); at += l.text.length + 1; }
  const lineAt = (offset: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  // Redacted, and any generated-looking token masked as well: a pattern that matched across lines may
  // not match the line alone.
  const excerpt = (i: number) => maskTokens(redactString(lines[i]!.text, {}));
  const findings: SecretFinding[] = [];
  // One finding per line: the patterns run most specific first, as redaction does, so a line is named by
  // the first kind that matches it; a credential spread over lines (a private key) covers them all.
  const covered = new Set<number>();
  const add = (kind: string, start: number, end: number) => {
    const first = lineAt(start);
    if (covered.has(first)) return;
    for (let i = first; i <= lineAt(Math.max(start, end - 1)); i++) covered.add(i);
    findings.push({ part, file, line: lines[first]!.line, kind, excerpt: excerpt(first) });
  };
  for (const { kind, re } of CREDENTIAL_PATTERNS) {
    for (const m of text.matchAll(re)) add(kind, m.index + (m.groups?.pre?.length ?? 0), m.index + m[0].length);
  }
  for (const t of highEntropyTokens(text)) add("high_entropy_string", t.index, t.index + t.token.length);
  return findings.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

/** Each high-entropy token of a line shown by its first four characters and its length only. */
function maskTokens(line: string): string {
  return line.replace(/[A-Za-z0-9+/_-]{20,}={0,2}/g, (t) => (highEntropyTokens(t).length ? `${t.slice(0, 4)}…[${t.length} characters]` : t)).trim().slice(0, EXCERPT_MAX);
}

/** The lines a patch adds, by file, numbered as in the new file. */
function addedLines(patch: string): { file: string; lines: { text: string; line: number }[] }[] {
  return parsePatch(patch).map((f) => {
    const file = (f.newFileName && f.newFileName !== "/dev/null" ? f.newFileName : f.oldFileName ?? "").replace(/^b\//, "").replace(/^a\//, "");
    const lines: { text: string; line: number }[] = [];
    for (const h of f.hunks) {
      let n = h.newStart;
      for (const l of h.lines) {
        if (l.startsWith("+")) lines.push({ text: l.slice(1), line: n++ });
        else if (l.startsWith(" ")) n++;
      }
    }
    return { file, lines };
  });
}

/** Every secret in what is about to be published; empty means it may go. */
export function scanPublication(p: { patch: string; commitMessage: string; prBody: string }): SecretFinding[] {
  const numbered = (text: string) => text.split("\n").map((t, i) => ({ text: t, line: i + 1 }));
  return [
    ...addedLines(p.patch).flatMap(({ file, lines }) => scanLines("patch", file, lines)),
    ...scanLines("commit_message", null, numbered(p.commitMessage)),
    ...scanLines("pr_body", null, numbered(p.prBody)),
  ];
}
