// Budget periods as the run and campaign pages show them: the budget (name, scope and what it
// covers, mode, limit) and that period's spend and holds. Read within the tenant only.
import type { Tx } from "../db/client";
import type { BudgetDrawn } from "./run-cost-view";

type PeriodRow = { id: string | null; budgetId: string; periodKey: string; startsAt: Date; endsAt: Date | null; spentMicros: bigint; reservedMicros: bigint };
type BudgetRow = { id: string; name: string; scope: string; teamId: string | null; campaignId: string | null; mode: string; period: string; limitMicros: bigint; archivedAt: Date | null };

export async function budgetsDrawn(tx: Tx, tenantId: string, periods: PeriodRow[], known?: BudgetRow[]): Promise<BudgetDrawn[]> {
  if (!periods.length) return [];
  const budgets = known ?? (await tx.budget.findMany({
    where: { tenantId, id: { in: [...new Set(periods.map((p) => p.budgetId))] } },
    select: { id: true, name: true, scope: true, teamId: true, campaignId: true, mode: true, period: true, limitMicros: true, archivedAt: true },
  }));
  const [teams, campaigns] = await Promise.all([
    tx.team.findMany({ where: { tenantId, id: { in: budgets.flatMap((b) => (b.teamId ? [b.teamId] : [])) } }, select: { id: true, name: true } }),
    tx.campaign.findMany({ where: { tenantId, id: { in: budgets.flatMap((b) => (b.campaignId ? [b.campaignId] : [])) } }, select: { id: true, name: true } }),
  ]);
  const byId = new Map(budgets.map((b) => [b.id, b]));
  const name = new Map([...teams, ...campaigns].map((x) => [x.id, x.name]));
  return periods.flatMap((p) => {
    const b = byId.get(p.budgetId);
    if (!b) return [];
    const target = b.scope === "team" ? b.teamId : b.scope === "campaign" ? b.campaignId : null;
    return [{
      budgetId: b.id, name: b.name, scope: b.scope, target: target ? name.get(target) ?? target : null, mode: b.mode, period: b.period,
      limitMicros: Number(b.limitMicros), periodKey: p.periodKey, startsAt: p.startsAt.toISOString(), endsAt: p.endsAt?.toISOString() ?? null,
      spentMicros: Number(p.spentMicros), reservedMicros: Number(p.reservedMicros), archived: b.archivedAt !== null,
    }];
  }).sort((a, b) => a.name.localeCompare(b.name));
}
