// The post-merge health verdict on one merge commit, from its checks and the default branch's
// first-parent history before it (walked back to the last commit whose checks pass). A merge is
// reverted only when its checks fail and it is the first failing commit since the last passing one:
// nothing landed in between. Anything else that fails is recorded with why it is not pinned on this
// merge. Pure: the job reads GitHub, this decides.
import type { CommitChecks, WalkedCommit } from "./read-commit-health";

export type Verdict =
  | { kind: "wait"; reason: string }
  | { kind: "passed" | "unverified"; reason: string }
  | { kind: "revert"; reason: string; failing: string[]; lastGood: string }
  | { kind: "not_reverted"; reason: string };

const short = (sha: string) => sha.slice(0, 12);
const named = (c: WalkedCommit) => `${short(c.sha)} ("${c.title}")`;
const list = (names: string[]) => (names.length > 5 ? `${names.slice(0, 5).join(", ")} and ${names.length - 5} more` : names.join(", "));

export function judgeMerge(merge: { sha: string; checks: CommitChecks }, history: readonly WalkedCommit[] | null, o: { soakOver: boolean; limit: number }): Verdict {
  const { checks } = merge;
  if (checks.state !== "failing") {
    if (!o.soakOver) return { kind: "wait", reason: checks.state === "passing" ? "checks passing; the soak goes on" : `checks ${checks.state === "none" ? "not reported yet" : `pending (${list(checks.pending)})`}; the soak goes on` };
    if (checks.state === "passing") return { kind: "passed", reason: `the soak ended with the merge commit's checks passing` };
    return { kind: "unverified", reason: `the soak ended with ${checks.state === "none" ? "no checks reported" : `checks still pending (${list(checks.pending)})`} on the merge commit` };
  }
  const failing = `checks failing on merge commit ${short(merge.sha)}: ${list(checks.failing)}`;
  if (!history) return { kind: "wait", reason: failing };
  const lastGood = history.find((c) => c.checks.state === "passing");
  const between = lastGood ? history.slice(0, history.indexOf(lastGood)) : [...history];
  if (!lastGood) {
    return { kind: "not_reverted", reason: `${failing}; none of the ${history.length} commit${history.length === 1 ? "" : "s"} before it on the default branch (at most ${o.limit} are looked at) has passing checks, so the branch may have been failing already` };
  }
  if (between.length === 0) return { kind: "revert", reason: `${failing}; its first parent ${named(lastGood)} passed, so this merge is the first failing commit`, failing: checks.failing, lastGood: lastGood.sha };
  const broken = between.find((c) => c.checks.state === "failing");
  if (broken) return { kind: "not_reverted", reason: `${failing}; but the default branch was already failing at ${named(broken)} before this merge` };
  const running = between.filter((c) => c.checks.state === "pending");
  if (running.length && !o.soakOver) return { kind: "wait", reason: `${failing}; waiting for the checks of ${running.map(named).join(", ")}, which landed before it, to decide` };
  return {
    kind: "not_reverted",
    reason: `${failing}; but another change landed between the last passing commit ${named(lastGood)} and this merge: ${between.map(named).join(", ")}; the failure cannot be pinned on this merge`,
  };
}
