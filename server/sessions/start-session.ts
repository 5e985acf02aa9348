import { appendPersonEvents, personTenantIds } from "../audit/append-person-events";
import { db } from "../db/client";
import { describeClient } from "./describe-client";
import type { SignInMethod } from "./session-rules";

export type SignInClient = { ip: string | null; userAgent: string | null };

/** A person has just signed in: their session row, and the sign-in in the audit trail that names it. */
export async function startSession(userId: string, method: SignInMethod, client: SignInClient): Promise<string> {
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
    const session = await tx.session.create({ data: { userId, method, client: describeClient(client.userAgent), ip: client.ip } });
    await appendPersonEvents(tx, await personTenantIds(tx, userId), {
      actorType: "user", actorId: userId, actorLabel: user.email, action: "auth.sign_in",
      resourceType: "session", resourceId: session.id, sourceIp: client.ip, payload: { method },
    });
    return session.id;
  });
}
