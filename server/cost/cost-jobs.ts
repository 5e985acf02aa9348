// The cost engine's sweeps, on a schedule (handlers: server/wiring/job-handlers.ts).
import { z } from "zod";
import { declareJob } from "../jobs/define-job";
import { MAINTENANCE_QUEUE } from "../jobs/maintenance-jobs";

/** Settles, at the reserved amount, holds whose worker died mid-work (expire-reservations.ts). */
export const expireReservationsJob = declareJob({
  name: "cost.expire-reservations",
  queue: MAINTENANCE_QUEUE,
  schema: z.object({}).strict(),
  every: { ms: 60_000, payload: {} },
});

/** Opens each calendar budget's current period, so it resets on schedule with no spending (open-periods.ts). */
export const openPeriodsJob = declareJob({
  name: "cost.open-periods",
  queue: MAINTENANCE_QUEUE,
  schema: z.object({}).strict(),
  every: { ms: 5 * 60_000, payload: {} },
});
