import { notFound } from "../core/app-error";
import type { PersonContext } from "../core/person-op";
import { endSessions } from "./end-sessions";

/** Ends one of the person's own sessions (this one too, which is then signed out). */
export async function endMySession(ctx: PersonContext, sessionId: string): Promise<{ ended: true; id: string; current: boolean }> {
  const ended = await endSessions(ctx.tx, { userId: ctx.actor.id, sessionId }, { userId: ctx.actor.id, reason: "ended_by_owner" });
  if (!ended.length) throw notFound("session");
  await ctx.audit({ action: "session.end", resourceType: "session", resourceId: sessionId });
  return { ended: true, id: sessionId, current: sessionId === ctx.actor.sessionId };
}
