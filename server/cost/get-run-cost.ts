// A run's cost as its page shows it: the total, split by kind of work (model calls with their tokens,
// sandbox seconds, verifier minutes), whether any entry was costed at the default price or settled at
// its reserved amount, what its reservations hold now, the budgets it drew on (through its
// reservations' periods) and, while a hard budget holds it, what it waits for.
import { AppError } from "../core/app-error";
import type { OpContext } from "../core/op-context";
import { env } from "../env";
import { budgetsDrawn } from "./budgets-drawn";
import { big } from "./cost-queries";
import { readBudgetWait } from "./read-budget-wait";
import type { RunCost } from "./run-cost-view";

type EntryGroup = { kind: string; subject: string; defaulted: boolean; expired: boolean; n: number; tin: bigint; tout: bigint; tcached: bigint; quantity: bigint; cost: bigint };

export async function getRunCost(ctx: OpContext, runId: string): Promise<RunCost> {
  const tenantId = ctx.scope.tenant.id;
  const run = await ctx.tx.run.findFirst({ where: { id: runId, tenantId }, select: { id: true, costMicros: true, budgetWait: true, finishedAt: true } });
  if (!run) throw new AppError("not_found", "run not found");
  const [groups, reservations] = await Promise.all([
    ctx.tx.$queryRaw<EntryGroup[]>`
      SELECT kind, subject, defaulted, expired, count(*)::int AS n, sum("inputTokens")::bigint AS tin, sum("outputTokens")::bigint AS tout,
        sum("cachedTokens")::bigint AS tcached, sum(quantity)::bigint AS quantity, sum("costMicros")::bigint AS cost
      FROM "CostEntry" WHERE "tenantId" = ${tenantId} AND "runId" = ${run.id}
      GROUP BY 1, 2, 3, 4`,
    ctx.tx.costReservation.findMany({ where: { tenantId, runId: run.id }, select: { state: true, amountMicros: true, periodIds: true } }),
  ]);
  const periodIds = [...new Set(reservations.flatMap((r) => r.periodIds))];
  // The periods its reservations held against, and its own period of every per-run budget (found
  // through the unique budget and key, even when no reservation was made: a first step refused).
  const perRun = await ctx.tx.budget.findMany({ where: { tenantId, scope: "run" }, select: { id: true } });
  const periods = await ctx.tx.budgetPeriod.findMany({
    where: { tenantId, OR: [{ id: { in: periodIds } }, ...perRun.map((b) => ({ budgetId: b.id, periodKey: run.id }))] },
    select: { id: true, budgetId: true, periodKey: true, startsAt: true, endsAt: true, spentMicros: true, reservedMicros: true },
  });

  const kinds = (["model", "sandbox", "verifier"] as const).map((kind) => {
    const of = groups.filter((g) => g.kind === kind);
    return { kind, costMicros: Number(of.reduce((a, g) => a + big(g.cost), 0n)), entries: of.reduce((a, g) => a + g.n, 0), quantityMs: Number(of.reduce((a, g) => a + big(g.quantity), 0n)) };
  }).filter((k) => k.entries > 0);
  const models = new Map<string, RunCost["models"][number]>();
  for (const g of groups.filter((x) => x.kind === "model")) {
    const m = models.get(g.subject) ?? { model: g.subject, calls: 0, inputTokens: 0, outputTokens: 0, cachedTokens: 0, costMicros: 0, defaulted: false };
    models.set(g.subject, {
      ...m, calls: m.calls + g.n, inputTokens: m.inputTokens + Number(g.tin), outputTokens: m.outputTokens + Number(g.tout), cachedTokens: m.cachedTokens + Number(g.tcached),
      costMicros: m.costMicros + Number(g.cost), defaulted: m.defaulted || g.defaulted,
    });
  }
  const expired = groups.filter((g) => g.expired);
  return {
    currency: env().COST_CURRENCY,
    runId: run.id,
    costMicros: Number(run.costMicros),
    byKind: kinds,
    models: [...models.values()].sort((a, b) => b.costMicros - a.costMicros || a.model.localeCompare(b.model)),
    defaulted: groups.some((g) => g.defaulted),
    expired: { entries: expired.reduce((a, g) => a + g.n, 0), costMicros: Number(expired.reduce((a, g) => a + big(g.cost), 0n)) },
    heldMicros: Number(reservations.filter((r) => r.state === "held").reduce((a, r) => a + r.amountMicros, 0n)),
    budgets: await budgetsDrawn(ctx.tx, tenantId, periods),
    // A run that ended waits for nothing, whatever the column still says.
    budgetWait: run.finishedAt ? null : readBudgetWait(run.budgetWait),
  };
}
