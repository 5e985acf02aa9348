// Launching a draft: planned again over the fleet and the policy in force now, campaign.create
// decided for every target and kept as decision records. When the policy wants approval (more than
// 50 targets, a risky class), an approval request of kind campaign_launch is raised and the campaign
// waits in awaiting_approval (its consumer starts it, or sends it back to draft); otherwise it starts.
// First, the canary wave's estimated cost against the budgets covering it (wave-cost.ts): a hard
// budget that cannot pay for the whole wave refuses the launch (409, nothing written); a soft one's
// warning is kept in the campaign's stateReason; the response carries the check either way.
import { requestApproval } from "../approvals/request-approval";
import { actorLabel } from "../authz/scope";
import { AppError } from "../core/app-error";
import type { OpContext } from "../core/op-context";
import type { DecisionToRecord } from "../policy/record-decision";
import { lockCampaign, transitionCampaign, wrongState } from "./campaign-transitions";
import { getCampaign } from "./get-campaign";
import { planCampaign, waveRepositories, type Decide } from "./plan-campaign";
import { planSummary } from "./plan-view";
import { storedSpec } from "./read-campaign-spec";
import { savePlan } from "./save-plan";
import { startCampaign } from "./start-campaign";
import { waveCost } from "./wave-cost";

export async function launchCampaign(ctx: OpContext, campaignId: string, body: { note?: string }) {
  const c = await lockCampaign(ctx, campaignId);
  if (c.state !== "draft") throw wrongState(c.state, "only a draft can be launched");
  const read = storedSpec(c.spec, c.specYaml);
  const decisions: DecisionToRecord[] = [];
  const decide: Decide = async (resource, context) => {
    const d = await ctx.decide("campaign.create", resource, context);
    if (d.effect === "require_approval" && d.record) decisions.push(d.record);
    return d;
  };
  const plan = await planCampaign(ctx.tx, ctx.scope, read, decide, c.id);
  const eligible = plan.targets.filter((t) => t.eligible);
  if (!eligible.length) {
    throw new AppError("validation_failed", "spec.targets: no eligible target: the policy excludes every one (see the preview for each rule)", {
      issues: [{ path: "spec.targets", message: "no eligible target" }],
    });
  }
  // The canary wave against the budgets: a hard one that cannot pay for it refuses the launch, before anything is written.
  const cost = await waveCost(ctx.tx, { tenantId: ctx.scope.tenant.id, campaignId: c.id, taskClass: read.spec.change.taskClass, wave: 0, repositoryIds: waveRepositories(plan, 0) });
  if (cost.refused) throw new AppError("conflict", `the canary wave cannot be launched: ${cost.sentence}`, { cost });
  await savePlan(ctx.tx, c, plan);
  const who = actorLabel(ctx.scope.actor);
  const note = `${body.note ? `: ${body.note}` : ""}${cost.warnings.length ? `; budget warning: ${cost.warnings.join("; ")}` : ""}`;

  if (plan.launchNeedsApproval) {
    const { spec } = read;
    const approval = await requestApproval(ctx, {
      kind: "campaign_launch", subjectType: "campaign", subjectId: c.id, action: "launch",
      title: `Launch campaign ${c.name}: ${spec.change.taskClass} on ${eligible.length} repositories`.slice(0, 200),
      proposal: {
        campaign: c.name, taskClass: spec.change.taskClass, autonomy: spec.autonomy, agent: spec.change.agent.kind, instruction: spec.change.instruction,
        targets: eligible.length, excluded: plan.targets.length - eligible.length, waves: plan.waves, canary: eligible.filter((t) => t.waveIndex === 0).map((t) => t.repo.fullName),
        teams: [...new Set(eligible.map((t) => t.repo.team?.slug ?? "(no team)"))].slice(0, 50), reasons: plan.launchNeedsApproval.reasons,
      },
      risk: eligible.length > 50 || eligible.some((t) => t.repo.riskTier === "high") ? "high" : "medium",
      contextKey: `campaign:${c.id}`, place: { campaign: c.id },
      subjectAuthor: { id: c.ownerId, label: c.ownerLabel },
      policyDecision: decisions[0]?.decision,
    });
    await transitionCampaign(ctx.tx, c.id, {
      to: "awaiting_approval", action: "campaign.launch", audit: ctx.audit,
      cause: `launched by ${who}${note}; waits for approval (request ${approval.id}): ${plan.launchNeedsApproval.reasons.join("; ")}`,
      set: { launchApprovalId: approval.id }, data: { approval: approval.id, rules: plan.launchNeedsApproval.rules },
    });
    return { campaign: await getCampaign(ctx, c.id), plan: planSummary(plan), started: null, cost };
  }
  const started = await startCampaign(ctx, c.id, `launched by ${who}${note}`);
  return { campaign: await getCampaign(ctx, c.id), plan: planSummary(plan), started, cost };
}
