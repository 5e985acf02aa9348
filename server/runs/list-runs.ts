// The runs list: open runs by default, or all; filters by state, repository, task class, campaign,
// requester and time, newest first, keyset-paged on the server (indexes lead with tenantId and end
// with queuedAt, so the first page with any one filter reads one index range).
import type { Tx } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { ZId } from "../http/define-route";
import type { OpContext } from "../core/op-context";
import type { RunFilter } from "./run-input";
import { OPEN_STATES, runSummary } from "./run-view";

export function runWhere(tenantId: string, f: Omit<RunFilter, "after" | "limit">): Prisma.RunWhereInput {
  return {
    tenantId,
    ...(f.state ? { state: f.state } : f.view === "open" ? { state: { in: [...OPEN_STATES] } } : {}),
    ...(f.repositoryId ? { repositoryId: f.repositoryId } : {}),
    ...(f.taskClass ? { taskClass: f.taskClass } : {}),
    ...(f.campaignId ? { campaignId: f.campaignId } : {}),
    ...(f.requester ? { requesterLabel: f.requester } : {}),
    ...(f.from || f.to ? { queuedAt: { ...(f.from ? { gte: new Date(f.from) } : {}), ...(f.to ? { lt: new Date(f.to) } : {}) } } : {}),
  };
}

export async function listRuns(ctx: OpContext, f: RunFilter) {
  const tenantId = ctx.scope.tenant.id;
  const where = runWhere(tenantId, f);
  if (f.after) {
    // The cursor must be one of this tenant's runs; anything else starts nowhere (an empty page).
    const cursor = await ctx.tx.run.findFirst({ where: { id: f.after, tenantId }, select: { id: true, queuedAt: true } });
    if (!cursor) return { runs: [], nextAfter: null };
    // (queuedAt, id) < (cursor's): written as a range on queuedAt (which the indexes serve) minus the
    // cursor's own ties at or after it, not as an OR, which makes PostgreSQL scan.
    where.AND = [{ queuedAt: { lte: cursor.queuedAt } }, { NOT: { queuedAt: cursor.queuedAt, id: { gte: cursor.id } } }];
  }
  const rows = await ctx.tx.run.findMany({
    where, orderBy: [{ queuedAt: "desc" }, { id: "desc" }], take: f.limit + 1,
    include: { task: { select: { agentKind: true, autonomy: true } } },
  });
  const page = rows.slice(0, f.limit);
  const names = await repositoryNames(ctx.tx, tenantId, page.map((r) => r.repositoryId));
  return { runs: page.map((r) => runSummary(r, names.get(r.repositoryId) ?? "(removed repository)")), nextAfter: rows.length > f.limit ? page.at(-1)!.id : null };
}

export async function repositoryNames(tx: Tx, tenantId: string, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const repos = await tx.repository.findMany({ where: { tenantId, id: { in: [...new Set(ids)] } }, select: { id: true, owner: true, name: true } });
  return new Map(repos.map((r) => [r.id, `${r.owner}/${r.name}`]));
}
