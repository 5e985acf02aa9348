import { appendPersonEvents, personTenantIds } from "../audit/append-person-events";
import { db } from "../db/client";
import { endSessions } from "./end-sessions";

/** next-auth's sign-out: ends the session the cookie named (a session already ended changes nothing). */
export async function signOutSession(sessionId: string, userId: string, ip: string | null): Promise<void> {
  await db.$transaction(async (tx) => {
    const ended = await endSessions(tx, { userId, sessionId }, { userId, reason: "sign_out" });
    if (!ended.length) return;
    const user = await tx.user.findUnique({ where: { id: userId }, select: { email: true } });
    await appendPersonEvents(tx, await personTenantIds(tx, userId), {
      actorType: "user", actorId: userId, actorLabel: user?.email ?? null, action: "auth.sign_out",
      resourceType: "session", resourceId: sessionId, sourceIp: ip,
    });
  });
}
