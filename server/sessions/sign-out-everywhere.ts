import type { PersonContext } from "../core/person-op";
import { endSessions } from "./end-sessions";

/** Ends every session of the person, the one this request came with included. */
export async function signOutEverywhere(ctx: PersonContext): Promise<{ ended: number }> {
  const ended = await endSessions(ctx.tx, { userId: ctx.actor.id }, { userId: ctx.actor.id, reason: "signed_out_everywhere" });
  await ctx.audit({ action: "session.end_all", resourceType: "session", payload: { ended: ended.length } });
  return { ended: ended.length };
}
