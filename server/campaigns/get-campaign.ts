// One campaign with its spec and waves, and the load its plan puts on each team under the caps in
// force now (the targets themselves are paged apart, list-campaign-targets.ts). Another tenant's
// answers 404.
import { AppError } from "../core/app-error";
import type { OpContext } from "../core/op-context";
import { ZCampaignSpec } from "./campaign-spec";
import { campaignSummary, type CampaignDetail } from "./campaign-view";
import { targetCaps } from "./campaign-caps";
import { estimateLoad } from "./estimate-load";

export async function getCampaign(ctx: OpContext, campaignId: string): Promise<CampaignDetail> {
  const tenantId = ctx.scope.tenant.id;
  const c = await ctx.tx.campaign.findFirst({ where: { id: campaignId, tenantId }, include: { waves: { orderBy: { index: "asc" } } } });
  if (!c) throw new AppError("not_found", "campaign not found");
  const load = await ctx.tx.$queryRaw<{ team: string | null; name: string; waveIndex: number }[]>`
    SELECT tm.slug AS team, r.name, t."waveIndex"
    FROM "CampaignTarget" t JOIN "Repository" r ON r.id = t."repositoryId" LEFT JOIN "Team" tm ON tm.id = r."teamId"
    WHERE t."tenantId" = ${tenantId} AND t."campaignId" = ${c.id} AND t.eligible AND t."waveIndex" IS NOT NULL`;
  const spec = ZCampaignSpec.safeParse(c.spec);
  const caps = targetCaps(ctx.scope.policy.active, c);
  const eligible = load.map((t) => ({ team: t.team, waveIndex: t.waveIndex, caps: caps.of(t) }));
  return {
    ...campaignSummary(c), spec: c.spec as Record<string, unknown>, specYaml: c.specYaml,
    waves: c.waves.map((w) => ({
      index: w.index, plannedSize: w.plannedSize, state: w.state, stateReason: w.stateReason,
      startedAt: w.startedAt?.toISOString() ?? null, finishedAt: w.finishedAt?.toISOString() ?? null,
    })),
    estimate: estimateLoad(eligible, c.waves.length, {
      schedule: spec.data?.schedule, soakMinutes: spec.data?.gates?.soakMinutes, awaitingReview: (spec.data?.autonomy ?? "draft_pr") !== "draft_pr", securityFix: caps.pacing.securityFix,
    }),
  };
}
