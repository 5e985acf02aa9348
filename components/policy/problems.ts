import { ApiError } from "../api/api-error";
import type { Problem } from "./types";

const SOURCES = new Set(["policy", "tests"]);

const isProblem = (p: unknown): p is Problem => {
  const x = p as Problem | null;
  return !!x && SOURCES.has(x.source) && Number.isInteger(x.line) && Number.isInteger(x.column) && typeof x.path === "string" && typeof x.message === "string";
};

/** The positioned problems of a save's or create's 422 (details.problems), or null for any other error. */
export function problemsOf(err: unknown): Problem[] | null {
  if (!(err instanceof ApiError) || err.status !== 422) return null;
  const list = err.details.problems;
  const out = Array.isArray(list) ? list.filter(isProblem) : [];
  return out.length ? out : null;
}
