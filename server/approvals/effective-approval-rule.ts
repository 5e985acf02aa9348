// The approval rule for one kind of request in one place: every applicable level's rule, combined
// with AND (a lower level only adds requirements). Kept in disjunctive form, a list of alternatives
// each naming thresholds that different people must meet, so tallying and eligibility stay simple.
import type { CompiledPolicySet } from "../policy/compile";
import { isTargeted, type ApprovalRule } from "../policy/document-schema";
import type { Place } from "../policy/effective-governance";
import type { EffectiveApprovalRule } from "./approval-view";

type Threshold = EffectiveApprovalRule["alternatives"][number][number];

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
export const DEFAULT_EXPIRY_MS = UNIT_MS.h;
/** Alternatives beyond this come from combining many OR rules; refused rather than searched. */
const MAX_ALTERNATIVES = 25;

export const durationMs = (d: string) => Number(d.slice(0, -1)) * UNIT_MS[d.slice(-1) as keyof typeof UNIT_MS];

const alternativesOf = (r: ApprovalRule): Threshold[][] => ("all" in r.require ? [r.require.all] : r.require.any.map((g) => g.all));

/** null when no applicable document has a rule for the kind: such a request cannot be raised. */
export function effectiveApprovalRule(set: CompiledPolicySet, kind: string, place: Place = {}): EffectiveApprovalRule | null {
  let out: EffectiveApprovalRule | null = null;
  for (const { document } of set.documents) {
    const { level, target, name } = document.metadata;
    if (isTargeted(level) && place[level] !== target) continue;
    const rule = document.approvals?.find((a) => a.kind === kind);
    if (!rule) continue;
    const mine = alternativesOf(rule);
    const expires = rule.expires_in ? durationMs(rule.expires_in) : DEFAULT_EXPIRY_MS;
    if (!out) {
      out = {
        kind, alternatives: mine, denials: rule.denials ?? 1,
        reason: { approve: rule.reason?.approve ?? "optional", deny: rule.reason?.deny ?? "required" },
        expiresInMs: expires, sources: [`${name}/${kind}`],
      };
      continue;
    }
    // AND of two "any of" lists: every pairing of an alternative from each.
    const combined: Threshold[][] = out.alternatives.flatMap((a) => mine.map((b) => [...a, ...b]));
    if (combined.length > MAX_ALTERNATIVES) throw new Error(`approval rule for ${kind} combines into ${combined.length} alternatives`);
    out = {
      ...out,
      alternatives: combined,
      denials: Math.min(out.denials, rule.denials ?? 1),
      reason: {
        approve: out.reason.approve === "required" || rule.reason?.approve === "required" ? "required" : "optional",
        deny: out.reason.deny === "required" || (rule.reason?.deny ?? "required") === "required" ? "required" : "optional",
      },
      expiresInMs: Math.min(out.expiresInMs, expires),
      sources: [...out.sources, `${name}/${kind}`],
    };
  }
  return out;
}

/** The roles and teams any threshold accepts: who can be asked at all. */
export function eligibleFilters(rule: EffectiveApprovalRule): { roles: string[]; teams: string[] } {
  const roles = new Set<string>();
  const teams = new Set<string>();
  for (const t of rule.alternatives.flat()) {
    t.from.roles?.forEach((r) => roles.add(r));
    t.from.teams?.forEach((x) => teams.add(x));
  }
  return { roles: [...roles].sort(), teams: [...teams].sort() };
}

export type Voter = { roles: readonly string[]; teams: readonly string[] };

export const matchesFilter = (f: Threshold["from"], v: Voter) =>
  (f.roles?.some((r) => v.roles.includes(r)) ?? false) || (f.teams?.some((t) => v.teams.includes(t)) ?? false);

/** Describes the rule for people: "1 approval from approver, and 1 from team payments". */
export function describeRule(rule: EffectiveApprovalRule): string {
  const threshold = (t: Threshold) => {
    const from = [...(t.from.roles ?? []).map((r) => r.replaceAll("_", " ")), ...(t.from.teams ?? []).map((x) => `team ${x}`)].join(" or ");
    return `${t.approvals} approval${t.approvals === 1 ? "" : "s"} from ${from}`;
  };
  return rule.alternatives.map((a) => a.map(threshold).join(", and ")).join("; or ");
}
