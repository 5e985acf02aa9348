// acme's negotiated gpt-4o price (two versions of its own over the platform's list price) and its
// budgets, with each budget's periods as reserving and settling the demo's costs would have left
// them: a period per calendar month or week, per run, or the campaign's life, opened at its first
// cost, its spend the sum of the costs it covers, and every alert threshold it passed announced
// once (announceThresholds: the period marked, the tenant admins notified), dated when it passed.
import type { Tx } from "../../../server/db/client";
import { announceThresholds, type ThresholdCrossing } from "../../../server/cost/announce-thresholds";

const DAY_MS = 86_400_000;
const utcMidnight = (at: Date) => new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));

export type DemoPrice = { subject: string; version: number; daysAgo: number; inputMicros: bigint; outputMicros: bigint; cachedMicros: bigint; note: string };

/** acme's own gpt-4o prices (the platform's list price: 2.50 / 10.00 per million tokens). */
export const ACME_PRICES: DemoPrice[] = [
  { subject: "gpt-4o", version: 1, daysAgo: 20, inputMicros: 2_250_000n, outputMicros: 9_000_000n, cachedMicros: 1_125_000n, note: "Enterprise agreement: 10% off the list price" },
  { subject: "gpt-4o", version: 2, daysAgo: 9, inputMicros: 2_000_000n, outputMicros: 8_000_000n, cachedMicros: 1_000_000n, note: "Volume tier reached: 20% off the list price" },
];

/** The tenant's own price versions that are missing, effective at UTC midnight `daysAgo` days before `now`; answers the ones added. */
export async function ensureTenantPrices(tx: Tx, tenantId: string, prices: readonly DemoPrice[], now: Date, by: string) {
  const added = [];
  for (const p of prices) {
    const key = { scope_kind_subject_version: { scope: tenantId, kind: "model", subject: p.subject, version: p.version } };
    if (await tx.price.findUnique({ where: key })) continue;
    const effectiveFrom = new Date(utcMidnight(now).getTime() - p.daysAgo * DAY_MS);
    added.push(await tx.price.create({
      data: {
        scope: tenantId, tenantId, kind: "model", subject: p.subject, version: p.version, inputMicros: p.inputMicros, outputMicros: p.outputMicros, cachedMicros: p.cachedMicros,
        effectiveFrom, note: p.note, createdByLabel: by, createdAt: new Date(effectiveFrom.getTime() - 2 * DAY_MS),
      },
    }));
  }
  return added;
}

/** Two significant figures, rounded up (a limit that must stay above what it is sized from) or to the nearest. */
export function roundLimit(micros: bigint, up: boolean): bigint {
  if (micros <= 0n) return 1n;
  let unit = 1n;
  while (micros / unit >= 100n) unit *= 10n;
  const q = up ? (micros + unit - 1n) / unit : (micros + unit / 2n) / unit;
  return q * unit;
}

type EntryRow = { budgetId: string; key: string; calendarStart: Date | null; calendarEnd: Date | null; at: Date; costMicros: bigint };
type BudgetRow = { id: string; name: string; scope: string; mode: string; limitMicros: bigint; thresholds: number[] };

/**
 * The budgets' periods from the costs they cover (those at or after the budget's creation), with
 * each threshold's crossing announced as settling would have announced it: with the spend of the
 * cost that passed it. Budget periods here are the engine's (the fleetgate_budget_period_* SQL
 * functions), keyed by each cost's moment instead of now.
 */
export async function settleDemoBudgets(tx: Tx, tenantId: string, budgetIds: string[]): Promise<void> {
  const budgets = await tx.$queryRaw<BudgetRow[]>`SELECT id, name, scope, mode, "limitMicros", thresholds FROM "Budget" WHERE id = ANY(${budgetIds})`;
  const rows = await tx.$queryRaw<EntryRow[]>`
    SELECT b.id AS "budgetId", fleetgate_budget_period_key(b.period, e.at, e."runId") AS key,
      CASE WHEN b.period IN ('day', 'week', 'month') THEN fleetgate_budget_period_starts(b.period, e.at) END AS "calendarStart",
      fleetgate_budget_period_ends(b.period, e.at) AS "calendarEnd", e.at, e."costMicros"
    FROM "Budget" b
    JOIN "CostEntry" e ON e."tenantId" = b."tenantId" AND e.at >= b."createdAt" AND (
      b.scope = 'tenant' OR (b.scope = 'team' AND b."teamId" = e."teamId") OR (b.scope = 'campaign' AND b."campaignId" = e."campaignId") OR (b.scope = 'run' AND e."runId" IS NOT NULL))
    WHERE b.id = ANY(${budgetIds}) AND b."tenantId" = ${tenantId}
    ORDER BY b.id, 2, e.at, e.id`;
  type Period = { budget: BudgetRow; key: string; startsAt: Date; endsAt: Date | null; spent: bigint; crossings: { threshold: number; spent: bigint; at: Date }[] };
  const periods = new Map<string, Period>();
  for (const r of rows) {
    const budget = budgets.find((b) => b.id === r.budgetId)!;
    const id = `${r.budgetId}\u0000${r.key}`;
    let p = periods.get(id);
    if (!p) periods.set(id, (p = { budget, key: r.key, startsAt: r.calendarStart ?? r.at, endsAt: r.calendarEnd, spent: 0n, crossings: [] }));
    const before = p.spent;
    p.spent += r.costMicros;
    for (const t of budget.thresholds) {
      const line = budget.limitMicros * BigInt(t);
      if (before * 100n < line && p.spent * 100n >= line) p.crossings.push({ threshold: t, spent: p.spent, at: r.at });
    }
  }
  if (!periods.size) return;
  const list = [...periods.values()];
  const written = await tx.$queryRaw<{ id: string; budgetId: string; periodKey: string; alerted: number[] }[]>`
    INSERT INTO "BudgetPeriod" (id, "tenantId", "budgetId", "periodKey", "startsAt", "endsAt", "spentMicros", "createdAt")
    SELECT gen_random_uuid()::text, ${tenantId}, u.budget, u.key, u.starts, u.ends, u.spent, u.starts
    FROM unnest(${list.map((p) => p.budget.id)}::text[], ${list.map((p) => p.key)}::text[], ${list.map((p) => p.startsAt.toISOString())}::timestamptz[],
                ${list.map((p) => p.endsAt?.toISOString() ?? null)}::timestamptz[], ${list.map((p) => p.spent.toString())}::bigint[]) AS u(budget, key, starts, ends, spent)
    ON CONFLICT ("budgetId", "periodKey") DO UPDATE SET "spentMicros" = EXCLUDED."spentMicros"
    RETURNING id, "budgetId", "periodKey", alerted`;
  const crossings: (ThresholdCrossing & { at: Date })[] = [];
  for (const w of written) {
    const p = periods.get(`${w.budgetId}\u0000${w.periodKey}`)!;
    for (const c of p.crossings) {
      if (w.alerted.includes(c.threshold)) continue;
      crossings.push({
        periodId: w.id, budgetId: p.budget.id, budgetName: p.budget.name, scope: p.budget.scope, mode: p.budget.mode, periodKey: p.key,
        threshold: c.threshold, spentMicros: c.spent, limitMicros: p.budget.limitMicros, at: c.at,
      });
    }
  }
  if (!crossings.length) return;
  crossings.sort((a, b) => a.at.getTime() - b.at.getTime());
  await announceThresholds(tx, tenantId, crossings.map(({ at: _at, ...c }) => c));
  // Announced when the cost that passed each threshold was recorded, not when the seed ran.
  await tx.$executeRaw`
    UPDATE "Notification" n SET "createdAt" = u.at
    FROM unnest(${crossings.map((c) => `budget:${c.periodId}:${c.threshold}`)}::text[], ${crossings.map((c) => c.at.toISOString())}::timestamptz[]) AS u(key, at)
    WHERE n."tenantId" = ${tenantId} AND n."dedupeKey" = u.key`;
}
