import { ApiError } from "../api/api-error";
import type { Problem } from "./types";

// A 422 from save or create carries every problem twice: as details.problems, and as field issues
// "body.content|body.tests" with "line L, column C: path: message" (server/policy/save-policy-version.ts
// draftRejected). The console's ApiError keeps only the issues, so the positions are read back from them.
const ISSUE = /^line (\d+), column (\d+): (?:([^:\s]+): )?([\s\S]*)$/;

export function problemsOf(err: unknown): Problem[] | null {
  if (!(err instanceof ApiError) || err.status !== 422) return null;
  const out: Problem[] = [];
  for (const issue of err.issues) {
    const source = issue.path === "body.content" ? "policy" : issue.path === "body.tests" ? "tests" : null;
    const m = ISSUE.exec(issue.message);
    if (!source || !m) continue;
    out.push({ source, line: Number(m[1]), column: Number(m[2]), path: m[3] ?? "", message: m[4]! });
  }
  return out.length ? out : null;
}
