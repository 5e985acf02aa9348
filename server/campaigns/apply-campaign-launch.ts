// The approvals consumer of campaign launches (subject type "campaign", action "launch"). Approved:
// the campaign starts in the outcome job's transaction, as the person who launched it (their tasks,
// their runs' admissions, their audit events), so a launch approved is a launch applied once.
// Denied, expired or withdrawn: back to draft, with the reason, to be changed and launched again.
import type { ApprovalConsumer } from "../approvals/consumer";
import { recordDecisions } from "../policy/record-decision";
import { actingContext, collected, launcherScope, systemAudit } from "./campaign-actor";
import { transitionCampaign } from "./campaign-transitions";
import { startCampaign } from "./start-campaign";

export const applyCampaignLaunch: ApprovalConsumer = async (tx, request) => {
  if (request.action !== "launch") return `nothing to do: ${request.action} is not a launch`;
  const c = await tx.campaign.findFirst({ where: { id: request.subjectId, tenantId: request.tenantId }, select: { id: true, state: true, launchApprovalId: true } });
  if (!c) return "nothing to do: the campaign no longer exists";
  if (c.state !== "awaiting_approval" || c.launchApprovalId !== request.id) return `nothing to do: the campaign is ${c.state}`;
  const out = collected();
  const backToDraft = async (why: string) => {
    await transitionCampaign(tx, c.id, { to: "draft", action: "campaign.launch_refused", cause: why, audit: systemAudit(out, request.tenantId, "approvals"), data: { approval: request.id } });
    return { result: `the campaign is a draft again: ${why}`, audit: out.audit };
  };
  if (request.state !== "approved") {
    return backToDraft(`the launch was ${request.state}${request.outcomeReason ? `: ${request.outcomeReason}` : ""} (request ${request.id})`);
  }
  const scope = await launcherScope(tx, request.tenantId, request.requesterId);
  if (!scope?.permissions.has("campaign.manage")) return backToDraft(`${request.requesterLabel}, who launched it, may no longer launch campaigns here (request ${request.id})`);

  const ctx = actingContext(tx, scope, `approval-${request.id}`, out);
  const started = await startCampaign(ctx, c.id, `launch approved (request ${request.id})`);
  await recordDecisions(tx, request.tenantId, out.decisions);
  if (!started) return { result: "nothing to do: the campaign moved on", audit: out.audit };
  return {
    result: `the campaign is running: ${started.tasks} tasks, ${started.canaryRuns} canary runs admitted${started.refused ? `, ${started.refused} refused` : ""}`,
    afterCommit: async () => { for (const f of out.after) await f(); },
    audit: out.audit,
  };
};
