// What a check suite says, from its runs: GitHub's summary of one app's check runs on one commit.
import type { TwinContext } from "./twin-context";
import type { CheckConclusion, TwinCheckRun, TwinCheckSuite } from "./twin-types";

/** What a person's check runs are reported by: GitHub Actions' app, as CI on GitHub usually is. */
export const CI_APP = { id: 15368, slug: "github-actions", name: "GitHub Actions", ownerLogin: "github" } as const;

// GitHub's order, most severe first: a suite concludes with the first of these among its runs.
const SEVERITY = ["action_required", "cancelled", "timed_out", "failure", "startup_failure", "stale", "neutral", "success", "skipped"];

export const suiteRuns = (ctx: TwinContext, suite: TwinCheckSuite) =>
  ctx.store.data.checkRuns.filter((c) => c.suiteId === suite.id);

/** The suite's status and conclusion from its runs. */
export function suiteOutcome(runs: readonly TwinCheckRun[]): { status: "queued" | "in_progress" | "completed"; conclusion: CheckConclusion | null } {
  if (!runs.length) return { status: "queued", conclusion: null };
  if (runs.some((r) => r.status !== "completed")) return { status: runs.some((r) => r.status === "in_progress") ? "in_progress" : "queued", conclusion: null };
  const ranked = runs.map((r) => r.conclusion ?? "neutral").sort((a, b) => SEVERITY.indexOf(a) - SEVERITY.indexOf(b));
  return { status: "completed", conclusion: ranked[0] as CheckConclusion };
}

