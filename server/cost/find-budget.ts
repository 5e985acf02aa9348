// A budget of the scope's tenant by id, locked for the rest of the transaction. Another tenant's
// budget answers exactly like a missing one.
import { AppError } from "../core/app-error";
import type { OpContext } from "../core/op-context";
import type { Budget } from "../db/generated/client";

export const budgetNotFound = () => new AppError("not_found", "budget not found");

export async function lockBudget(ctx: OpContext, id: string): Promise<Budget> {
  const rows = await ctx.tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Budget" WHERE id = ${id} AND "tenantId" = ${ctx.scope.tenant.id} FOR UPDATE`;
  if (!rows.length) throw budgetNotFound();
  return ctx.tx.budget.findFirstOrThrow({ where: { id, tenantId: ctx.scope.tenant.id } });
}

/** A name is the tenant's for one budget, archived ones included: a 409 on the field otherwise. */
export async function checkNameFree(ctx: OpContext, name: string, exceptId?: string): Promise<void> {
  const taken = await ctx.tx.budget.findFirst({ where: { tenantId: ctx.scope.tenant.id, name, id: exceptId ? { not: exceptId } : undefined }, select: { archivedAt: true } });
  if (!taken) return;
  const message = `another budget of this tenant is named "${name}"${taken.archivedAt ? " (archived)" : ""}: choose another name`;
  throw new AppError("conflict", `body.name: ${message}`, { issues: [{ path: "body.name", message }] });
}
