// One campaign with its spec and waves, and the load its plan puts on each team (counted in the
// database: the targets themselves are paged apart, list-campaign-targets.ts). Another tenant's
// answers 404.
import { AppError } from "../core/app-error";
import type { OpContext } from "../core/op-context";
import { ZCampaignSpec } from "./campaign-spec";
import { campaignSummary, type CampaignDetail } from "./campaign-view";
import { estimateLoad } from "./estimate-load";

export async function getCampaign(ctx: OpContext, campaignId: string): Promise<CampaignDetail> {
  const tenantId = ctx.scope.tenant.id;
  const c = await ctx.tx.campaign.findFirst({ where: { id: campaignId, tenantId }, include: { waves: { orderBy: { index: "asc" } } } });
  if (!c) throw new AppError("not_found", "campaign not found");
  const load = await ctx.tx.$queryRaw<{ team: string | null; waveIndex: number; n: number }[]>`
    SELECT tm.slug AS team, t."waveIndex", count(*)::int AS n
    FROM "CampaignTarget" t JOIN "Repository" r ON r.id = t."repositoryId" LEFT JOIN "Team" tm ON tm.id = r."teamId"
    WHERE t."tenantId" = ${tenantId} AND t."campaignId" = ${c.id} AND t.eligible AND t."waveIndex" IS NOT NULL
    GROUP BY tm.slug, t."waveIndex"`;
  const eligible = load.flatMap((g) => Array.from({ length: g.n }, () => ({ team: g.team, waveIndex: g.waveIndex })));
  const spec = ZCampaignSpec.safeParse(c.spec);
  return {
    ...campaignSummary(c), spec: c.spec as Record<string, unknown>, specYaml: c.specYaml,
    waves: c.waves.map((w) => ({
      index: w.index, plannedSize: w.plannedSize, state: w.state, stateReason: w.stateReason,
      startedAt: w.startedAt?.toISOString() ?? null, finishedAt: w.finishedAt?.toISOString() ?? null,
    })),
    estimate: estimateLoad(eligible, c.waves.length, spec.data?.schedule, spec.data?.gates?.soakMinutes),
  };
}
