// A campaign's plan against the fleet and the policy in force now: every matched target with its
// eligibility, the waves, the canaries and why, and the expected load per team. Built set-based
// (match-targets.ts reads the fleet in a fixed number of queries; decisions are evaluated in
// memory), so a preview of a thousand targets takes one round of queries.
//
// Eligibility per target: the policy's campaign.create decision for that target (its risk tier,
// team and repository; the spec's autonomy and class; the number of targets), then the governance
// where it lives: a campaign runs only where the autonomy maximum reaches fleet_campaign, and only a
// class allowed there. The count the policy sees is the number of targets that would take part, so
// a first pass finds them and the deciding pass is asked with their count.
import { authorize, type Decision } from "../authz/authorize";
import type { Scope } from "../authz/scope";
import type { Tx } from "../db/client";
import { AUTONOMY_LEVELS } from "../policy/document-schema";
import { effectiveGovernance, type Place } from "../policy/effective-governance";
import { explanationCause } from "../policy/evaluate";
import { targetCaps } from "./campaign-caps";
import { rankCanaries, rolloutOrder } from "./canary-ranking";
import { estimateLoad, type LoadEstimate } from "./estimate-load";
import { matchTargets, type MatchedRepo } from "./match-targets";
import type { ReadSpec } from "./read-campaign-spec";
import { resolveWaves } from "./wave-plan";

export type Decide = (resource: Record<string, unknown>, context: Record<string, unknown>) => Decision | Promise<Decision>;

export type TargetPlan = {
  repo: MatchedRepo;
  decision: Decision["effect"];
  eligible: boolean;
  excludedRule: string | null;
  excludedReason: string | null;
  waveIndex: number | null;
  canaryReason: string | null;
};

export type CampaignPlan = {
  targets: TargetPlan[];
  waves: number[];
  notes: string[];
  excludedBySpec: string[];
  launchNeedsApproval: { rules: string[]; reasons: string[] } | null;
  estimate: LoadEstimate;
};

const FLEET = AUTONOMY_LEVELS.indexOf("fleet_campaign");

function ruleOf(d: Decision): string {
  const decided = d.record?.decision;
  if (!decided) return "rbac: campaign.create";
  if (decided.decidingRule) return `${decided.decidingRule.policy}/${decided.decidingRule.rule}`;
  return decided.denyKind === "error" ? "policy error (fail closed)" : "no rule allows it";
}
// The policy's own reason, without "platform policy p rule r: " (the rule is named beside it).
const reasonOf = (d: Decision) => (d.record ? explanationCause(d.record.decision).replace(/^\w+ policy \S+ rule \S+: /, "") : d.reasons[0] ?? "denied");

/**
 * `decide` asks for the deciding pass (the operation's ctx.decide at launch, which keeps each
 * decision as a record; a pure evaluation for previews and drafts).
 */
export async function planCampaign(tx: Tx, scope: Scope, read: ReadSpec, decide: Decide, campaignId?: string): Promise<CampaignPlan> {
  const { spec } = read;
  const matched = await matchTargets(tx, scope.tenant.id, spec.targets);
  const problems = [...matched.problems];
  if (spec.change.agent.kind === "model" && !(await tx.modelEndpoint.findUnique({ where: { tenantId: scope.tenant.id }, select: { tenantId: true } }))) {
    problems.push({ path: "change.agent.kind", message: "this tenant has no model endpoint, so model agents cannot run here: a tenant admin sets one in Admin → Model endpoint; or use a recipe" });
  }
  if (spec.verifierProfile && !(await tx.verifierProfile.findFirst({ where: { tenantId: scope.tenant.id, name: spec.verifierProfile }, select: { id: true } }))) {
    problems.push({ path: "verifierProfile", message: `this tenant has no verifier profile ${spec.verifierProfile}: pick one from Admin → Verifier profiles, or leave it out to use each repository's` });
  }
  if (problems.length) throw read.refuse(problems);

  const placeOf = (r: MatchedRepo): Place => ({ repository: r.name, ...(r.team ? { team: r.team.slug } : {}), ...(campaignId ? { campaign: campaignId } : {}) });
  const ask = (r: MatchedRepo, targetCount: number) => [
    { repository: r.name, riskTier: r.riskTier, ...(r.team ? { team: r.team.slug } : {}) },
    { autonomyLevel: spec.autonomy, changeClass: spec.change.taskClass, targetCount, ...placeOf(r) },
  ] as const;
  const governanceBars = (r: MatchedRepo): { rule: string; reason: string } | null => {
    const g = effectiveGovernance(scope.policy.active, placeOf(r));
    if (AUTONOMY_LEVELS.indexOf(g.autonomyMax) < FLEET) {
      return { rule: `governance.autonomy_max (${g.autonomyMaxFrom ?? "policy"})`, reason: `campaigns need the fleet_campaign autonomy level here; the maximum for ${r.fullName} is ${g.autonomyMax}` };
    }
    if (g.allowedChangeClasses && !g.allowedChangeClasses.includes(spec.change.taskClass)) {
      return { rule: `governance.allowed_change_classes (${g.sources.join(", ")})`, reason: `${spec.change.taskClass} is not allowed in ${r.fullName} (allowed: ${g.allowedChangeClasses.join(", ")})` };
    }
    return null;
  };
  const bars = new Map(matched.repos.map((r) => [r.id, governanceBars(r)]));
  const firstPass = matched.repos.filter((r) => !bars.get(r.id) && authorize(scope, "campaign.create", ...ask(r, matched.repos.length)).effect !== "deny");

  const targets: TargetPlan[] = [];
  const approvalRules = new Set<string>();
  const approvalReasons = new Set<string>();
  for (const repo of matched.repos) {
    const d = await decide(...ask(repo, firstPass.length));
    const bar = d.effect === "deny" ? { rule: ruleOf(d), reason: reasonOf(d) } : bars.get(repo.id);
    if (!bar && d.effect === "require_approval") {
      approvalRules.add(ruleOf(d));
      approvalReasons.add(reasonOf(d));
    }
    targets.push({ repo, decision: d.effect, eligible: !bar, excludedRule: bar?.rule ?? null, excludedReason: bar?.reason ?? null, waveIndex: null, canaryReason: null });
  }

  const eligible = targets.filter((t) => t.eligible);
  const waves = resolveWaves(spec.waves, eligible.length);
  if (!waves.ok) throw read.refuse([{ path: waves.path, message: waves.message }]);
  const byId = new Map(eligible.map((t) => [t.repo.id, t]));
  const canaries = rankCanaries(eligible.map((t) => t.repo), waves.sizes[0] ?? 0);
  for (const c of canaries) Object.assign(byId.get(c.id)!, { waveIndex: 0, canaryReason: c.reason });
  const rest = rolloutOrder(eligible.filter((t) => t.waveIndex === null).map((t) => t.repo));
  let at = 0;
  waves.sizes.slice(1).forEach((size, i) => {
    for (const repo of rest.slice(at, at + size)) byId.get(repo.id)!.waveIndex = i + 1;
    at += size;
  });
  const caps = targetCaps(scope.policy.active, { id: campaignId, name: spec.name, spec });
  const estimate = estimateLoad(
    eligible.map((t) => ({ team: t.repo.team?.slug ?? null, waveIndex: t.waveIndex!, caps: caps.of({ name: t.repo.name, team: t.repo.team?.slug ?? null }) })),
    waves.sizes.length,
    { schedule: spec.schedule, soakMinutes: spec.gates?.soakMinutes, awaitingReview: spec.autonomy !== "draft_pr", securityFix: caps.pacing.securityFix },
  );
  return {
    targets, waves: waves.sizes, notes: waves.notes, excludedBySpec: matched.excludedBySpec, estimate,
    launchNeedsApproval: approvalRules.size ? { rules: [...approvalRules], reasons: [...approvalReasons] } : null,
  };
}

/** A pure evaluation of each target's decision (previews and drafts keep no decision record). */
export const evaluateOnly = (scope: Scope): Decide => (resource, context) => authorize(scope, "campaign.create", resource, context);

/** The repositories of one wave of a plan (the eligible targets placed in it). */
export const waveRepositories = (plan: Pick<CampaignPlan, "targets">, waveIndex: number): string[] =>
  plan.targets.filter((t) => t.eligible && t.waveIndex === waveIndex).map((t) => t.repo.id);
