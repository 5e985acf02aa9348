// Prompt-injection signals of the tenant, by UTC day: the per-tenant figure for the overview now and
// the safety dashboard to come. Read from the runs' prompt_injection events rather than kept in a
// counter: every signal is already an event with its tenant and time (indexed by tenant, kind and
// time), so any window or grouping (day, repository, pattern) is one query and nothing can drift.
import type { OpContext } from "../core/op-context";

export type InjectionSignalDay = { day: string; signals: number; runs: number };

export async function countInjectionSignals(ctx: OpContext, range: { from: Date; to: Date }): Promise<{ total: number; days: InjectionSignalDay[] }> {
  const rows = await ctx.tx.$queryRaw<{ day: string; signals: number; runs: number }[]>`
    SELECT to_char(date_trunc('day', at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS day, count(*)::int AS signals, count(DISTINCT "runId")::int AS runs
    FROM "RunEvent"
    WHERE "tenantId" = ${ctx.scope.tenant.id} AND kind = 'prompt_injection' AND at >= ${range.from} AND at < ${range.to}
    GROUP BY 1 ORDER BY 1`;
  return { total: rows.reduce((n, r) => n + r.signals, 0), days: rows };
}
