// Held work, counted: per cap (holdKind) for a tenant, optionally one campaign, with the oldest
// heldAt of each, for the campaign page and the PR-storm dashboard ("held work by reason").
import type { Tx } from "../../db/client";
import { HOLD_KINDS, type HoldKind } from "./hold-kinds";

export type HeldCount = { kind: HoldKind; count: number; oldestHeldAt: Date | null };

export async function countHeld(tx: Tx, tenantId: string, campaignId: string | null = null): Promise<HeldCount[]> {
  const rows = await tx.changeset.groupBy({
    by: ["holdKind"], where: { tenantId, state: "held", ...(campaignId ? { campaignId } : {}) }, _count: { _all: true }, _min: { heldAt: true },
  });
  return HOLD_KINDS.map((kind) => {
    const r = rows.find((x) => x.holdKind === kind);
    return { kind, count: r?._count._all ?? 0, oldestHeldAt: r?._min.heldAt ?? null };
  });
}
