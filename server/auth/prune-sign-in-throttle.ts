// Forgets sign-in failure counters whose window and lock have both passed.
import { db } from "../db/client";

export async function pruneSignInThrottle(olderThanMinutes: number): Promise<{ pruned: number }> {
  const cutoff = new Date(Date.now() - olderThanMinutes * 60_000);
  const { count } = await db.signInThrottle.deleteMany({
    where: { windowStartedAt: { lt: cutoff }, OR: [{ lockedUntil: null }, { lockedUntil: { lt: new Date() } }] },
  });
  return { pruned: count };
}
