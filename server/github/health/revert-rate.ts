// The revert rate the campaign gates read (gates.revertRate): of a campaign's changesets that merged,
// how many post-merge health reverted (a revert PR opened for them).
import type { Tx } from "../../db/client";

export type RevertRate = { merged: number; reverted: number; rate: number | null };

export async function revertRate(tx: Tx, tenantId: string, campaignId: string): Promise<RevertRate> {
  const where = { tenantId, campaignId, state: "merged" as const };
  const [merged, reverted] = await Promise.all([tx.changeset.count({ where }), tx.changeset.count({ where: { ...where, revertedAt: { not: null } } })]);
  return { merged, reverted, rate: merged ? reverted / merged : null };
}
