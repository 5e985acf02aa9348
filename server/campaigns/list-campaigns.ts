// The campaigns list: newest first, filtered by state, owner and part of the name, keyset-paged on
// (createdAt, id) like the runs and pull requests lists.
import type { OpContext } from "../core/op-context";
import type { Prisma } from "../db/generated/client";
import type { CampaignFilter } from "./campaign-input";
import { campaignSummary, type CampaignSummary } from "./campaign-view";

export async function listCampaigns(ctx: OpContext, f: CampaignFilter): Promise<{ campaigns: CampaignSummary[]; nextAfter: string | null }> {
  const tenantId = ctx.scope.tenant.id;
  const where: Prisma.CampaignWhereInput = {
    tenantId,
    ...(f.state ? { state: f.state } : {}),
    ...(f.owner ? { ownerLabel: f.owner } : {}),
    ...(f.q ? { name: { contains: f.q, mode: "insensitive" } } : {}),
  };
  if (f.after) {
    const cursor = await ctx.tx.campaign.findFirst({ where: { id: f.after, tenantId }, select: { id: true, createdAt: true } });
    if (!cursor) return { campaigns: [], nextAfter: null };
    where.AND = [{ createdAt: { lte: cursor.createdAt } }, { NOT: { createdAt: cursor.createdAt, id: { gte: cursor.id } } }];
  }
  const rows = await ctx.tx.campaign.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: f.limit + 1 });
  const page = rows.slice(0, f.limit);
  return { campaigns: page.map(campaignSummary), nextAfter: rows.length > f.limit ? page.at(-1)!.id : null };
}
