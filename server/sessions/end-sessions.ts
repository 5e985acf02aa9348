import type { Tx } from "../db/client";
import type { EndReason } from "./session-rules";

/**
 * The one way a session ends: every not yet ended session of the person (or just the one named),
 * stamped with who ended it and why. Returns the ids it ended; the caller audits them.
 */
export async function endSessions(tx: Tx, which: { userId: string; sessionId?: string }, by: { userId: string | null; reason: EndReason }): Promise<string[]> {
  const ended = await tx.session.updateManyAndReturn({
    where: { userId: which.userId, endedAt: null, ...(which.sessionId ? { id: which.sessionId } : {}) },
    data: { endedAt: new Date(), endedById: by.userId, endReason: by.reason },
    select: { id: true },
  });
  return ended.map((s) => s.id);
}
