import type { PersonContext } from "../core/person-op";
import { openSessionsOf } from "./session-rules";
import { sessionView, type SessionView } from "./session-view";

/** The signed-in person's open sessions, the most recently used first. */
export async function listMySessions(ctx: PersonContext): Promise<{ sessions: SessionView[] }> {
  const rows = await ctx.tx.session.findMany({ where: openSessionsOf(ctx.actor.id), orderBy: [{ lastSeenAt: "desc" }, { id: "asc" }], take: 200 });
  return { sessions: rows.map((s) => sessionView(s, ctx.actor.sessionId)) };
}
