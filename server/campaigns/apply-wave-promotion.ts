// The approvals consumer of wave promotions (subject type "campaign", action "promote", kind
// campaign_promotion). Approved: the gates are evaluated again (things may have broken while the
// request waited) and the next wave is promoted as the person who launched the campaign. Denied,
// expired or withdrawn: the campaign pauses with the reason; resuming it asks again.
import type { ApprovalConsumer } from "../approvals/consumer";
import { recordDecisions } from "../policy/record-decision";
import { advanceWaves } from "./advance-waves";
import { actingContext, collected, launcherScope, systemAudit } from "./campaign-actor";
import { moveWaves, transitionCampaign } from "./campaign-transitions";

export const applyWavePromotion: ApprovalConsumer = async (tx, request) => {
  await tx.$queryRaw`SELECT 1 FROM "Campaign" WHERE id = ${request.subjectId} AND "tenantId" = ${request.tenantId} FOR UPDATE`;
  const c = await tx.campaign.findFirst({ where: { id: request.subjectId, tenantId: request.tenantId } });
  if (!c) return "nothing to do: the campaign no longer exists";
  if (c.promotionApprovalId !== request.id) return `nothing to do: the campaign is ${c.state} and waits for no promotion of this request`;
  const out = collected();
  const audit = systemAudit(out, request.tenantId, "approvals");
  await tx.campaign.update({ where: { id: c.id }, data: { promotionApprovalId: null } });
  if (request.state !== "approved") {
    const cause = `the promotion was ${request.state}${request.outcomeReason ? `: ${request.outcomeReason}` : ""} (request ${request.id}); resume to ask again`;
    const moved = await transitionCampaign(tx, c.id, { to: "paused", cause, action: "campaign.pause", audit, data: { approval: request.id } });
    if (moved) await moveWaves(tx, c.id, ["running"], "paused", cause);
    return { result: moved ? `the campaign is paused: ${cause}` : `nothing to do: the campaign is ${c.state}`, audit: out.audit };
  }
  const advance = await advanceWaves({
    tx, label: "approvals", audit, afterCommit: (f) => void out.after.push(f),
    acting: async () => {
      const scope = await launcherScope(tx, request.tenantId, request.requesterId);
      if (!scope?.permissions.has("campaign.manage")) return { refused: `${request.requesterLabel}, who launched it, may no longer manage campaigns here` };
      return actingContext(tx, scope, `approval-${request.id}`, out);
    },
  }, { ...c, promotionApprovalId: null }, "approval", { approvalId: request.id });
  await recordDecisions(tx, request.tenantId, out.decisions);
  return { result: `${advance.outcome}: ${advance.message}`, afterCommit: async () => { for (const f of out.after) await f(); }, audit: out.audit };
};
