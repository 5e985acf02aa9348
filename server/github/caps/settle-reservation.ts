// A reservation's end: used once its PR exists (in the transaction that records the PR), released when
// the publication stopped short of a PR (the changeset left `publishing` already, so the slot no longer
// counts; this records it and lets held work have it at once).
import type { Tx } from "../../db/client";
import { db } from "../../db/client";
import { releaseSoon } from "./release-held-job";

export async function markReservationUsed(tx: Tx, changesetId: string): Promise<void> {
  await tx.publishReservation.updateMany({ where: { changesetId, outcome: "reserved" }, data: { outcome: "used", settledAt: new Date() } });
}

export async function releaseReservation(cs: { id: string; tenantId: string }): Promise<void> {
  const { count } = await db.publishReservation.updateMany({ where: { changesetId: cs.id, outcome: "reserved" }, data: { outcome: "released", settledAt: new Date() } });
  if (count) await releaseSoon(cs.tenantId);
}
