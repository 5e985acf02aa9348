// The models the tenant's work called in the last year (from the daily rollups), for the dashboard's
// model filter.
import type { OpContext } from "../core/op-context";

export async function listCostModels(ctx: OpContext, now = new Date()): Promise<string[]> {
  const since = new Date(now.getTime() - 366 * 86_400_000).toISOString().slice(0, 10);
  const rows = await ctx.tx.$queryRaw<{ subject: string }[]>`
    SELECT DISTINCT subject FROM "CostDaily" WHERE "tenantId" = ${ctx.scope.tenant.id} AND kind = 'model' AND day >= ${since}::date ORDER BY 1 LIMIT 200`;
  return rows.map((r) => r.subject);
}
