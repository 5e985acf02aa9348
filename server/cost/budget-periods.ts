// Which period of a budget a cost at `at` falls in, as SQL over the alias b ("Budget"): the key,
// start and end that reserving opens (fleetgate_budget_period_key, _starts and _ends, migration
// 20261211140000_cost_functions, the one definition). Calendar periods are UTC (a week starts on
// Monday); a campaign budget has one period, its life; a run budget one per run.
import { Prisma } from "../db/generated/client";

/** The key, start and end of the period of budget b that `at` falls in. */
export function periodOf(at: Date, runId: string | null): { key: Prisma.Sql; startsAt: Prisma.Sql; endsAt: Prisma.Sql } {
  return {
    key: Prisma.sql`fleetgate_budget_period_key(b.period, ${at}::timestamptz, ${runId}::text)`,
    startsAt: Prisma.sql`fleetgate_budget_period_starts(b.period, ${at}::timestamptz)`,
    endsAt: Prisma.sql`fleetgate_budget_period_ends(b.period, ${at}::timestamptz)`,
  };
}
