// A global kill switch stops every tenant: setting or releasing one needs killswitch.global, declared
// on the routes (server/contracts/killswitches.ts) with these two conditions.
import { db, type Tx } from "../db/client";
import type { SetKillSwitchInput } from "./kill-switch-input";

export const setsGlobalSwitch = (body: SetKillSwitchInput): boolean => body.level === "global";

/** Whether the id names a global switch (one of no tenant). */
export async function isGlobalSwitch(id: string, tx: Tx = db): Promise<boolean> {
  return (await tx.killSwitch.findFirst({ where: { id, tenantId: null }, select: { id: true } })) !== null;
}
