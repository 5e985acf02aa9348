// A page of a campaign's targets (each with its repository, team, wave, eligibility, task and latest
// run), by wave (excluded ones last), then repository; filtered by wave and eligibility. Another
// tenant's campaign answers 404.
import { AppError } from "../core/app-error";
import type { OpContext } from "../core/op-context";
import type { Prisma } from "../db/generated/client";
import type { CampaignTargetFilter } from "./campaign-input";
import type { ZCampaignTargetPage } from "./campaign-view";
import type { z } from "zod";

export async function listCampaignTargets(ctx: OpContext, campaignId: string, f: CampaignTargetFilter): Promise<z.infer<typeof ZCampaignTargetPage>> {
  const tenantId = ctx.scope.tenant.id;
  const c = await ctx.tx.campaign.findFirst({ where: { id: campaignId, tenantId }, select: { id: true } });
  if (!c) throw new AppError("not_found", "campaign not found");
  const where: Prisma.CampaignTargetWhereInput = {
    tenantId, campaignId: c.id,
    ...(f.wave !== undefined ? { waveIndex: f.wave } : {}),
    ...(f.eligibility ? { eligible: f.eligibility === "eligible" } : {}),
  };
  const [rows, total] = await Promise.all([
    ctx.tx.campaignTarget.findMany({
      where, skip: (f.page - 1) * f.limit, take: f.limit + 1,
      orderBy: [{ waveIndex: { sort: "asc", nulls: "last" } }, { repository: { owner: "asc" } }, { repository: { name: "asc" } }, { id: "asc" }],
      include: { repository: { select: { owner: true, name: true, riskTier: true, verifierProfile: true, team: { select: { slug: true, name: true } } } } },
    }),
    ctx.tx.campaignTarget.count({ where }),
  ]);
  const page = rows.slice(0, f.limit);
  const taskIds = page.flatMap((t) => (t.taskId ? [t.taskId] : []));
  const runs = taskIds.length
    ? await ctx.tx.run.findMany({ where: { tenantId, taskId: { in: taskIds } }, distinct: ["taskId"], orderBy: [{ taskId: "asc" }, { attempt: "desc" }], select: { id: true, taskId: true, state: true } })
    : [];
  const runOf = new Map(runs.map((r) => [r.taskId, { id: r.id, state: r.state }]));
  return {
    targets: page.map((t) => ({
      repositoryId: t.repositoryId, fullName: `${t.repository.owner}/${t.repository.name}`, riskTier: t.repository.riskTier, team: t.repository.team,
      verifierProfile: t.repository.verifierProfile, eligible: t.eligible, excludedRule: t.excludedRule, excludedReason: t.excludedReason,
      waveIndex: t.waveIndex, canaryReason: t.canaryReason, taskId: t.taskId, admissionError: t.admissionError, run: t.taskId ? runOf.get(t.taskId) ?? null : null,
    })),
    total,
    nextPage: rows.length > f.limit ? f.page + 1 : null,
  };
}
