// Whether the budgets covering a wave can pay for it, before it is launched or promoted: the
// estimate per run is the average cost of the tenant's finished runs of the same task class over
// the last 30 days, else the per-run budget's limit (the most a run may cost), else there is none;
// each tenant budget, the campaign's, and the team budget of each team the wave's repositories
// belong to is compared in its current period (limit − spent − reserved) with the estimate times
// its runs. A hard budget that cannot afford the whole wave refuses it (the caller answers 409 or
// pauses the campaign); a soft one warns. Reads only.
import type { Tx } from "../db/client";
import { periodOf } from "../cost/budget-periods";
import { formatMoney } from "../cost/money";
import { env } from "../env";
import type { WaveCost } from "./wave-cost-view";

export type WaveToCost = { tenantId: string; campaignId: string | null; taskClass: string; wave: number; repositoryIds: string[] };

type Row = { id: string; name: string; scope: "tenant" | "team" | "campaign"; mode: "soft" | "hard"; period: string; periodKey: string; teamId: string | null; team: string | null; limitMicros: bigint; spentMicros: bigint; reservedMicros: bigint };

const HISTORY_DAYS = 30;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export async function waveCost(tx: Tx, w: WaveToCost, at: Date = new Date()): Promise<WaveCost> {
  const currency = env().COST_CURRENCY;
  const money = (m: bigint) => formatMoney(m, currency);
  const runs = w.repositoryIds.length;
  const byTeam = await tx.$queryRaw<{ teamId: string | null; n: number }[]>`
    SELECT "teamId", count(*)::int AS n FROM "Repository" WHERE "tenantId" = ${w.tenantId} AND id = ANY(${w.repositoryIds}) GROUP BY "teamId"`;
  const teamRuns = new Map(byTeam.map((t) => [t.teamId, t.n]));
  const estimate = await estimatePerRun(tx, w, at, money);
  const p = periodOf(at, null);
  const rows = await tx.$queryRaw<Row[]>`
    SELECT b.id, b.name, b.scope, b.mode, b.period, ${p.key} AS "periodKey", b."teamId", t.slug AS team, b."limitMicros",
           coalesce(bp."spentMicros", 0)::bigint AS "spentMicros", coalesce(bp."reservedMicros", 0)::bigint AS "reservedMicros"
    FROM "Budget" b
    LEFT JOIN "Team" t ON t.id = b."teamId"
    LEFT JOIN "BudgetPeriod" bp ON bp."budgetId" = b.id AND bp."periodKey" = ${p.key}
    WHERE b."tenantId" = ${w.tenantId} AND b."archivedAt" IS NULL AND (
      b.scope = 'tenant'
      OR (b.scope = 'team' AND b."teamId" = ANY(${byTeam.flatMap((t) => (t.teamId ? [t.teamId] : []))}))
      OR (b.scope = 'campaign' AND b."campaignId" = ${w.campaignId}::text))
    ORDER BY b.mode = 'hard' DESC, b.scope, b.name`;

  const budgets = rows.map((b) => {
    const covered = b.scope === "team" ? (teamRuns.get(b.teamId) ?? 0) : runs;
    const left = b.limitMicros - b.spentMicros - b.reservedMicros;
    const remaining = left > 0n ? left : 0n;
    const per = estimate.perRunMicros;
    const affordable = per === null ? null : per === 0n ? covered : Math.min(covered, Number(remaining / per));
    const whose = `the wave's ${plural(covered, "run")}${b.team ? ` in team ${b.team}` : ""}`;
    const room = `the ${b.mode} ${b.scope} budget "${b.name}" has ${money(remaining)} left of ${money(b.limitMicros)}`;
    const sentence = affordable === null ? `${room}; without an estimate it is not compared with ${whose}`
      : affordable >= covered ? `${room}: enough for ${covered === 1 ? "" : "all "}${whose}`
      : `${room}: enough for ${affordable} of ${whose}`;
    return {
      budgetId: b.id, name: b.name, scope: b.scope, mode: b.mode, period: b.period, periodKey: b.periodKey, team: b.team, runs: covered,
      limitMicros: Number(b.limitMicros), spentMicros: Number(b.spentMicros), reservedMicros: Number(b.reservedMicros), remainingMicros: Number(remaining),
      affordableRuns: affordable, sentence,
    };
  });

  const short = budgets.filter((b) => b.affordableRuns !== null && b.affordableRuns < b.runs);
  const hardShort = short.filter((b) => b.mode === "hard");
  const warnings = short.filter((b) => b.mode === "soft").map((b) => `${b.sentence} ${estimate.basis}`);
  // Team budgets cover different runs, so their shortfalls add up; the others cover every run.
  const teamShortfall = short.filter((b) => b.scope === "team").reduce((n, b) => n + (b.runs - b.affordableRuns!), 0);
  const whole = budgets.filter((b) => b.scope !== "team" && b.affordableRuns !== null).map((b) => b.affordableRuns!);
  const affordableRuns = estimate.perRunMicros === null || !budgets.length ? null : Math.max(0, Math.min(runs - teamShortfall, ...whole));

  const sentence = !budgets.length ? `no tenant, team or campaign budget covers the wave's ${plural(runs, "run")}`
    : estimate.perRunMicros === null ? `${estimate.basis}: the budgets' room is not compared with the wave's ${plural(runs, "run")}`
    : hardShort.length ? `${hardShort[0]!.sentence} ${estimate.basis}`
    : short.length ? `the budgets can afford ${affordableRuns} of the wave's ${plural(runs, "run")} ${estimate.basis}; ${short.map((b) => b.sentence).join("; ")}`
    : `the budgets covering the wave can afford all of its ${plural(runs, "run")} ${estimate.basis}`;
  return {
    wave: w.wave, runs, currency,
    estimate: { perRunMicros: estimate.perRunMicros === null ? null : Number(estimate.perRunMicros), source: estimate.source, runs: estimate.runs, basis: estimate.basis },
    budgets, affordableRuns, refused: hardShort.length > 0, warnings, sentence,
  };
}

async function estimatePerRun(tx: Tx, w: WaveToCost, at: Date, money: (m: bigint) => string) {
  const since = new Date(at.getTime() - HISTORY_DAYS * 86_400_000);
  // Runs that ran: succeeded or failed (a cancelled one may have stopped before it cost anything).
  const [history] = await tx.$queryRaw<{ avg: bigint | null; n: number }[]>`
    SELECT ceil(avg("costMicros"))::bigint AS avg, count(*)::int AS n FROM "Run"
    WHERE "tenantId" = ${w.tenantId} AND "taskClass" = ${w.taskClass} AND state IN ('succeeded', 'failed') AND "finishedAt" >= ${since}`;
  if (history && history.n > 0 && history.avg !== null) {
    return { perRunMicros: history.avg, source: "history" as const, runs: history.n, basis: `at about ${money(history.avg)} a run (the average of ${plural(history.n, `${w.taskClass} run`)} finished in the last ${HISTORY_DAYS} days)` };
  }
  const [perRun] = await tx.$queryRaw<{ name: string; limitMicros: bigint }[]>`
    SELECT name, "limitMicros" FROM "Budget" WHERE "tenantId" = ${w.tenantId} AND scope = 'run' AND "archivedAt" IS NULL ORDER BY "limitMicros", name LIMIT 1`;
  if (perRun) {
    return { perRunMicros: perRun.limitMicros, source: "run_budget" as const, runs: 0, basis: `at up to ${money(perRun.limitMicros)} a run (the per-run budget "${perRun.name}"; no ${w.taskClass} run finished in the last ${HISTORY_DAYS} days)` };
  }
  return { perRunMicros: null, source: "none" as const, runs: 0, basis: `no estimate: no ${w.taskClass} run finished in the last ${HISTORY_DAYS} days and there is no per-run budget` };
}
