// "Detect now": the detection step asked for on every eligible target of the campaign, at once, by a
// campaign.manage holder. A target whose detection is still pending keeps that one. A campaign with
// no detection step, or one that ended, answers 409 saying so.
import { actorLabel } from "../authz/scope";
import { AppError } from "../core/app-error";
import type { OpContext } from "../core/op-context";
import { lockCampaign } from "./campaign-transitions";
import { storedSpec } from "./read-campaign-spec";
import { detectionOf, requestDetections } from "./request-detections";

export async function detectCampaign(ctx: OpContext, campaignId: string, body: { note?: string }) {
  const c = await lockCampaign(ctx, campaignId);
  if (c.state === "aborted") throw new AppError("conflict", "the campaign is aborted: nothing to detect for it", { state: c.state });
  const detection = detectionOf(storedSpec(c.spec, c.specYaml).spec);
  if (!detection) throw new AppError("conflict", "the campaign has no detection step: give one in its spec (detection.argv) or its recipe");
  const requestedBy = actorLabel(ctx.scope.actor);
  const ids = await requestDetections(ctx.tx, c, { trigger: "manual", requestedBy, afterCommit: ctx.afterCommit });
  await ctx.audit({
    action: "campaign.detect", resourceType: "campaign", resourceId: c.id,
    after: { requested: ids.length, argv: detection.argv, source: detection.source, ...(body.note ? { note: body.note } : {}) },
  });
  return { requested: ids.length };
}
