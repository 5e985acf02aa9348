// Single sign-on admits people an admin invited or added: an account matched by the provider's
// subject, or by e-mail the first time (then the subject is linked); an address with a pending
// invitation and no account yet gets its account now, so that the person can answer the invitation.
import { appendPersonEvents } from "../audit/append-person-events";
import { db } from "../db/client";
import { pendingInvitation } from "../invitations/invitation-rules";

export async function linkOidcUser(subject: string, claims: { email?: string | null; emailVerified: boolean; name: string }): Promise<string | null> {
  const bySubject = await db.user.findUnique({ where: { oidcSubject: subject } });
  if (bySubject) return bySubject.disabled ? null : bySubject.id;
  // Matching by e-mail trusts the provider's word that the address is the person's own.
  if (!claims.email || !claims.emailVerified) return null;
  const email = claims.email.toLowerCase();
  const user = await db.user.findUnique({ where: { email }, include: { memberships: { select: { tenantId: true } } } });
  if (!user) return createInvitedUser(subject, email, claims.name);
  if (user.disabled || user.oidcSubject || user.platformAdmin) return null;
  await db.$transaction(async (tx) => {
    // From now on this person signs in through the provider only: a password someone else may
    // know stops working.
    await tx.user.update({ where: { id: user.id }, data: { oidcSubject: subject, passwordHash: null } });
    await appendPersonEvents(tx, user.memberships.map((m) => m.tenantId), {
      actorType: "user", actorId: user.id, actorLabel: user.email,
      action: "user.link_sso", resourceType: "user", resourceId: user.id, after: { oidcLinked: true, localPassword: false },
    });
  });
  return user.id;
}

async function createInvitedUser(subject: string, email: string, name: string): Promise<string | null> {
  return db.$transaction(async (tx) => {
    const invitations = await tx.invitation.findMany({ where: { email, ...pendingInvitation() }, select: { tenantId: true } });
    if (!invitations.length) return null;
    const user = await tx.user.create({ data: { email, name: name.slice(0, 120), oidcSubject: subject } });
    // Recorded where the invitations came from: those tenants asked for this person.
    await appendPersonEvents(tx, invitations.map((i) => i.tenantId), {
      actorType: "user", actorId: user.id, actorLabel: email,
      action: "user.create", resourceType: "user", resourceId: user.id, after: { email, name: user.name, singleSignOn: true },
    });
    return user.id;
  });
}
