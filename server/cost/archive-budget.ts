// Archives a budget: it covers no new work from now on (reservations already held against it
// settle as usual), and it stays with its periods and history for the record.
import { AppError } from "../core/app-error";
import type { OpContext } from "../core/op-context";
import { budgetAuditShape } from "./budget-view";
import { type BudgetView } from "./budget-schema";
import { budgetViews } from "./budget-views";
import { lockBudget } from "./find-budget";

export async function archiveBudget(ctx: OpContext, id: string): Promise<BudgetView> {
  const current = await lockBudget(ctx, id);
  if (current.archivedAt) throw new AppError("conflict", `the budget "${current.name}" is already archived (${current.archivedAt.toISOString()})`);
  const row = await ctx.tx.budget.update({ where: { id: current.id }, data: { archivedAt: new Date() } });
  await ctx.audit({
    action: "budget.archive", resourceType: "budget", resourceId: row.id,
    before: { ...budgetAuditShape(current), archivedAt: null }, after: { name: row.name, archivedAt: row.archivedAt!.toISOString() },
  });
  return (await budgetViews(ctx, [row]))[0]!;
}
