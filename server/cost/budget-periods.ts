// Which budgets cover a piece of work, and the period of each that a cost at `at` falls in, as SQL
// over the alias b ("Budget"), so reserving opens and locks the periods in two statements. Calendar
// periods are UTC (a week starts on Monday); a campaign budget has one period, its life; a run
// budget one per run.
import { Prisma } from "../db/generated/client";
import type { CostWork } from "./cost-work";


/** A budget counted per run (scope or period run) covers only work of a run: its period is the run. */
export function coveringBudgets(work: Pick<CostWork, "tenantId" | "teamId" | "campaignId" | "runId">): Prisma.Sql {
  return Prisma.sql`b."tenantId" = ${work.tenantId} AND b."archivedAt" IS NULL AND (
    b.scope = 'tenant'
    OR (b.scope = 'team' AND b."teamId" = ${work.teamId}::text)
    OR (b.scope = 'campaign' AND b."campaignId" = ${work.campaignId}::text)
    OR (b.scope = 'run' AND ${work.runId}::text IS NOT NULL))
    AND (b.period <> 'run' OR ${work.runId}::text IS NOT NULL)`;
}

const calendarStart = (at: Date) =>
  Prisma.sql`date_trunc(CASE WHEN b.period IN ('day', 'week', 'month') THEN b.period ELSE 'day' END, ${at}::timestamptz AT TIME ZONE 'UTC')`;

/** The key, start and end of the period of budget b that `at` falls in. */
export function periodOf(at: Date, runId: string | null): { key: Prisma.Sql; startsAt: Prisma.Sql; endsAt: Prisma.Sql } {
  const start = calendarStart(at);
  return {
    key: Prisma.sql`(CASE b.period WHEN 'run' THEN ${runId}::text WHEN 'campaign' THEN 'life' ELSE to_char(${start}, 'YYYY-MM-DD') END)`,
    startsAt: Prisma.sql`(CASE WHEN b.period IN ('day', 'week', 'month') THEN ${start} AT TIME ZONE 'UTC' ELSE ${at}::timestamptz END)`,
    endsAt: Prisma.sql`(CASE WHEN b.period IN ('day', 'week', 'month') THEN (${start} + ('1 ' || b.period)::interval) AT TIME ZONE 'UTC' END)`,
  };
}
