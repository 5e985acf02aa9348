import { db } from "../db/client";
import { LAST_SEEN_RESOLUTION_MS } from "./session-rules";

/**
 * Whether a session cookie still counts: its session is known, the person's own and not ended.
 * Read on every request, so an ended session is refused from the next request on.
 */
export async function touchSession(sessionId: string, userId: string): Promise<boolean> {
  const s = await db.session.findUnique({ where: { id: sessionId }, select: { userId: true, endedAt: true, lastSeenAt: true } });
  if (!s || s.userId !== userId || s.endedAt) return false;
  const now = Date.now();
  if (now - s.lastSeenAt.getTime() >= LAST_SEEN_RESOLUTION_MS) {
    // Conditional, so concurrent requests of one session write once.
    await db.session.updateMany({
      where: { id: sessionId, endedAt: null, lastSeenAt: { lte: new Date(now - LAST_SEEN_RESOLUTION_MS) } },
      data: { lastSeenAt: new Date(now) },
    });
  }
  return true;
}
