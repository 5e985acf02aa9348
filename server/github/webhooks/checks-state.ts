// Where a head commit's checks stand: any failing check makes it failing, else any still running
// makes it pending, else passing; none known: none. Each check is known by its latest report.

export type ChecksState = "none" | "pending" | "passing" | "failing";

export type CheckFact = { name: string; status: string; conclusion: string | null };

const PASSING = new Set(["success", "neutral", "skipped"]);
// stale: GitHub marked it outdated and will not finish it; it says nothing either way, so it waits.
const PENDING = new Set(["stale"]);

export function checkOutcome(c: CheckFact): Exclude<ChecksState, "none"> {
  if (c.status !== "completed" || c.conclusion === null) return "pending";
  if (PASSING.has(c.conclusion)) return "passing";
  if (PENDING.has(c.conclusion)) return "pending";
  // failure, timed_out, cancelled, action_required, startup_failure, and any conclusion not known here.
  return "failing";
}

/** `checks` oldest first: a later report of the same check replaces an earlier one. */
export function checksStateOf(checks: readonly CheckFact[]): ChecksState {
  const latest = new Map(checks.map((c) => [c.name, c]));
  if (latest.size === 0) return "none";
  const outcomes = [...latest.values()].map(checkOutcome);
  if (outcomes.includes("failing")) return "failing";
  if (outcomes.includes("pending")) return "pending";
  return "passing";
}
