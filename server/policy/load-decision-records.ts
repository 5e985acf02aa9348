// The recorded decisions a draft policy set is replayed against (those policy made, not a kill switch):
// one tenant's newest first, read on its (tenantId, createdAt desc) or (tenantId, action, createdAt
// desc) index, with only the columns the replay reads (the input is the big one; matchedRules and
// versions are left behind).
import type { db, Prisma, Tx } from "../db/client";
import type { ReplayFilter } from "./policy-input";
import type { ReplayRecord } from "./replay-decisions";

export async function loadReplayRecords(tx: Tx | typeof db, tenantId: string, filter: ReplayFilter): Promise<ReplayRecord[]> {
  // A call a kill switch refused was not decided by policy: a draft has nothing to change there.
  const where: Prisma.DecisionRecordWhereInput = { tenantId, killSwitchId: null };
  if (filter.action) where.action = filter.action;
  if (filter.since || filter.until) {
    where.createdAt = { ...(filter.since ? { gte: new Date(filter.since) } : {}), ...(filter.until ? { lte: new Date(filter.until) } : {}) };
  }
  const rows = await tx.decisionRecord.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: filter.limit,
    select: { id: true, createdAt: true, action: true, input: true, decision: true, decidingRule: true },
  });
  return rows.map((r) => ({
    id: r.id.toString(), createdAt: r.createdAt.toISOString(), action: r.action, input: r.input, decision: r.decision, decidingRule: r.decidingRule,
  }));
}
