// What a new team or campaign budget can name: the tenant's teams, and its campaigns that have not
// ended (newest first), for the console's pickers.
import type { OpContext } from "../core/op-context";

export const TARGETS_LISTED = 500;

export type BudgetTargets = { teams: { id: string; name: string }[]; campaigns: { id: string; name: string; state: string }[] };

export async function listBudgetTargets(ctx: OpContext): Promise<BudgetTargets> {
  const tenantId = ctx.scope.tenant.id;
  const [teams, campaigns] = await Promise.all([
    ctx.tx.team.findMany({ where: { tenantId }, orderBy: { name: "asc" }, take: TARGETS_LISTED, select: { id: true, name: true } }),
    ctx.tx.campaign.findMany({ where: { tenantId, endedAt: null }, orderBy: { createdAt: "desc" }, take: TARGETS_LISTED, select: { id: true, name: true, state: true } }),
  ]);
  return { teams, campaigns: campaigns.map((c) => ({ ...c, state: String(c.state) })) };
}
