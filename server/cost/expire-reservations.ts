// A reservation still held past its expiry belongs to a worker that died mid-call: the provider
// may have billed the call, so it is settled at the reserved amount, never released as zero.
import { db } from "../db/client";
import { settleCost } from "./settle-cost";

export async function expireReservations(limit = 500): Promise<number> {
  const due = await db.$queryRaw<{ id: string }[]>`
    SELECT id FROM "CostReservation" WHERE state = 'held' AND "expiresAt" < now() ORDER BY "expiresAt" LIMIT ${limit}`;
  let settled = 0;
  for (const r of due) if (await settleCost(r.id, null, { expired: true })) settled++;
  return settled;
}
