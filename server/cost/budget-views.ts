// Budgets as views: their team's and campaign's names and their current period rows, read in one
// query each for a whole list, always within the scope's tenant.
import type { OpContext } from "../core/op-context";
import type { Budget } from "../db/generated/client";
import { env } from "../env";
import type { BudgetPeriodKind } from "./budget-schema";
import { budgetView } from "./budget-view";
import { type BudgetView } from "./budget-schema";
import { currentPeriod } from "./current-period";

export async function budgetViews(ctx: OpContext, budgets: Budget[], now: Date = new Date()): Promise<BudgetView[]> {
  const tenantId = ctx.scope.tenant.id;
  const ids = (k: "teamId" | "campaignId") => [...new Set(budgets.flatMap((b) => (b[k] ? [b[k]] : [])))];
  const keyOf = new Map(budgets.map((b) => [b.id, currentPeriod(b.period as BudgetPeriodKind, now)?.key]));
  const keys = [...new Set([...keyOf.values()].filter((k): k is string => k !== undefined))];
  const [teams, campaigns, periods] = await Promise.all([
    ctx.tx.team.findMany({ where: { tenantId, id: { in: ids("teamId") } }, select: { id: true, name: true } }),
    ctx.tx.campaign.findMany({ where: { tenantId, id: { in: ids("campaignId") } }, select: { id: true, name: true } }),
    ctx.tx.budgetPeriod.findMany({ where: { tenantId, budgetId: { in: budgets.map((b) => b.id) }, periodKey: { in: keys } } }),
  ]);
  const team = new Map(teams.map((t) => [t.id, t]));
  const campaign = new Map(campaigns.map((c) => [c.id, c]));
  const period = new Map(periods.map((p) => [`${p.budgetId}\u0000${p.periodKey}`, p]));
  const currency = env().COST_CURRENCY;
  return budgets.map((b) => budgetView(
    { ...b, team: b.teamId ? team.get(b.teamId) ?? null : null, campaign: b.campaignId ? campaign.get(b.campaignId) ?? null : null },
    period.get(`${b.id}\u0000${keyOf.get(b.id)}`), currency, now,
  ));
}
