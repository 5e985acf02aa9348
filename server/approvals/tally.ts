// Where a request stands given its votes. Thresholds in one alternative must be met by different
// people (one approver AND one policy admin means two people), so approvals are matched to
// thresholds with a small backtracking search; requests have few thresholds and few voters.
import type { EffectiveApprovalRule } from "./approval-view";
import { matchesFilter, type Voter } from "./effective-approval-rule";

export type Vote = Voter & { voterId: string; vote: "approve" | "deny" };
export type Tally = {
  outcome: "approved" | "denied" | "pending";
  approvals: number;
  denials: number;
  /** Per alternative and threshold: approvals counted toward it, in the best assignment found. */
  progress: { approvals: number; met: number }[][];
};

function assign(need: number[], accepts: boolean[][], voters: number): { ok: boolean; counts: number[] } {
  const counts = need.map(() => 0);
  let best = [...counts];
  const total = (c: number[]) => c.reduce((s, x, i) => s + Math.min(x, need[i]!), 0);
  const go = (v: number): boolean => {
    if (counts.every((c, i) => c >= need[i]!)) return true;
    if (v === voters) {
      if (total(counts) > total(best)) best = [...counts];
      return false;
    }
    for (let t = 0; t < need.length; t++) {
      if (accepts[v]![t] && counts[t]! < need[t]!) {
        counts[t]!++;
        if (go(v + 1)) return true;
        counts[t]!--;
      }
    }
    return go(v + 1);
  };
  const ok = go(0);
  return { ok, counts: ok ? counts : best };
}

export function tally(rule: EffectiveApprovalRule, votes: readonly Vote[]): Tally {
  const approvers = votes.filter((v) => v.vote === "approve");
  const denials = votes.length - approvers.length;
  let approved = false;
  const progress = rule.alternatives.map((alt) => {
    const accepts = approvers.map((v) => alt.map((t) => matchesFilter(t.from, v)));
    const { ok, counts } = assign(alt.map((t) => t.approvals), accepts, approvers.length);
    approved ||= ok;
    return alt.map((t, i) => ({ approvals: t.approvals, met: counts[i]! }));
  });
  // A denial decides as soon as there are enough; approval needs its thresholds met.
  const outcome = denials >= rule.denials ? "denied" : approved ? "approved" : "pending";
  return { outcome, approvals: approvers.length, denials, progress };
}
