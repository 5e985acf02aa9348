// The pull requests list: every changeset of the tenant, newest first, filtered by state, repository,
// task class, mode, risk level, review and checks state and campaign, keyset-paged on the server
// (the indexes lead with tenantId and end with createdAt, as the runs list's do with queuedAt).
import type { OpContext } from "../../core/op-context";
import type { Prisma } from "../../db/generated/client";
import { repositoryNames } from "../../runs/list-runs";
import { riskLevelRange } from "../risk-score";
import type { ChangesetFilter } from "./changeset-input";
import { changesetSummary } from "./changeset-summary";
import type { ChangesetSummary } from "./changeset-view";

export function changesetWhere(tenantId: string, f: Omit<ChangesetFilter, "after" | "limit">): Prisma.ChangesetWhereInput {
  return {
    tenantId,
    ...(f.state ? { state: f.state } : {}),
    ...(f.repositoryId ? { repositoryId: f.repositoryId } : {}),
    ...(f.taskClass ? { taskClass: f.taskClass } : {}),
    ...(f.mode ? { mode: f.mode } : {}),
    ...(f.riskLevel ? { riskScore: riskLevelRange(f.riskLevel) } : {}),
    ...(f.reviewState ? { reviewState: f.reviewState } : {}),
    ...(f.checksState ? { checksState: f.checksState } : {}),
    ...(f.campaignId ? { campaignId: f.campaignId } : {}),
  };
}

export async function listChangesets(ctx: OpContext, f: ChangesetFilter): Promise<{ changesets: ChangesetSummary[]; nextAfter: string | null }> {
  const tenantId = ctx.scope.tenant.id;
  const where = changesetWhere(tenantId, f);
  if (f.after) {
    // The cursor must be one of this tenant's changesets; anything else starts nowhere (an empty page).
    const cursor = await ctx.tx.changeset.findFirst({ where: { id: f.after, tenantId }, select: { id: true, createdAt: true } });
    if (!cursor) return { changesets: [], nextAfter: null };
    // (createdAt, id) < (cursor's), as a range the index serves minus the cursor's own ties (see list-runs.ts).
    where.AND = [{ createdAt: { lte: cursor.createdAt } }, { NOT: { createdAt: cursor.createdAt, id: { gte: cursor.id } } }];
  }
  const rows = await ctx.tx.changeset.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: f.limit + 1 });
  const page = rows.slice(0, f.limit);
  const names = await repositoryNames(ctx.tx, tenantId, page.map((c) => c.repositoryId));
  return {
    changesets: page.map((c) => changesetSummary(c, names.get(c.repositoryId) ?? "(removed repository)")),
    nextAfter: rows.length > f.limit ? page.at(-1)!.id : null,
  };
}
