// Opens the current period of every active calendar budget (day, week, month), so a period starts
// on schedule, at zero, even when nothing is spent in it (the dashboards and burn-downs read its
// row). Idempotent: a period already open (by this job or by a reservation) is left as it is.
import { db } from "../db/client";
import { periodOf } from "./budget-periods";

export async function openPeriods(at: Date = new Date()): Promise<number> {
  const p = periodOf(at, null);
  return db.$executeRaw`
    INSERT INTO "BudgetPeriod" (id, "tenantId", "budgetId", "periodKey", "startsAt", "endsAt")
    SELECT gen_random_uuid()::text, b."tenantId", b.id, ${p.key}, ${p.startsAt}, ${p.endsAt}
    FROM "Budget" b WHERE b."archivedAt" IS NULL AND b.period IN ('day', 'week', 'month')
    ON CONFLICT ("budgetId", "periodKey") DO NOTHING`;
}
