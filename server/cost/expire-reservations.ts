// A reservation still held past its expiry belongs to a worker that died mid-call: the provider
// may have billed the call, so it is settled at the reserved amount, never released as zero. One
// that cannot be settled (its price gone with its tenant) is logged and passed over, never
// allowed to stop the sweep of the others.
import { db } from "../db/client";
import { logger } from "../log/logger";
import { settleCost } from "./settle-cost";

export async function expireReservations(limit = 500): Promise<number> {
  const due = await db.$queryRaw<{ id: string }[]>`
    SELECT r.id FROM "CostReservation" r WHERE r.state = 'held' AND r."expiresAt" < now()
      AND EXISTS (SELECT 1 FROM "Price" p WHERE p.id = r."priceId")
    ORDER BY r."expiresAt" LIMIT ${limit}`;
  let settled = 0;
  for (const r of due) {
    try {
      if (await settleCost(r.id, null, { expired: true })) settled++;
    } catch (e) {
      logger.error("an expired cost reservation could not be settled; the sweep goes on", { reservationId: r.id, error: (e as Error).message });
    }
  }
  return settled;
}
