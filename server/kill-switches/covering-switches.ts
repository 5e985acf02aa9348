// Which kill switches cover a piece of work. Checked twice (DESIGN invariant 7): by the control
// plane before work starts (task creation, a queued run starting) and by the worker on every
// heartbeat and before every tool call.
import type { Tx } from "../db/client";
import type { KillEffect } from "./kill-switch-kinds";

export type Work = { tenantId: string; repositoryId?: string | null; campaignId?: string | null };
export type CoveringSwitch = { id: string; level: string; target: string | null; effects: string[]; reason: string; setByLabel: string };

export async function coveringSwitches(tx: Tx, work: Work, effect: KillEffect): Promise<CoveringSwitch[]> {
  const rows = await tx.killSwitch.findMany({
    where: { releasedAt: null, effects: { has: effect }, OR: [{ tenantId: null }, { tenantId: work.tenantId }], level: { not: "capability" } },
    select: { id: true, level: true, target: true, effects: true, reason: true, setByLabel: true },
    orderBy: { setAt: "asc" },
  });
  return rows.filter((s) => {
    if (s.level === "global" || s.level === "tenant") return true;
    if (s.level === "repository") return s.target === work.repositoryId;
    if (s.level === "campaign") return !!work.campaignId && s.target === work.campaignId;
    return false;
  });
}

/** Capability switches in force for a tenant (global ones included), by capability. */
export async function removedCapabilities(tx: Tx, tenantId: string): Promise<Map<string, CoveringSwitch>> {
  const rows = await tx.killSwitch.findMany({
    where: { releasedAt: null, level: "capability", OR: [{ tenantId: null }, { tenantId }] },
    select: { id: true, level: true, target: true, effects: true, reason: true, setByLabel: true },
  });
  return new Map(rows.map((r) => [r.target ?? "", r]));
}

export const describeSwitch = (s: CoveringSwitch) => `kill switch (${s.level}${s.target ? ` ${s.target}` : ""}) set by ${s.setByLabel}: ${s.reason}`;
