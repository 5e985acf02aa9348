// Local-account sign-in. Every failure answers the same message whether or not the account
// exists; a locked account or address answers how long to wait. Each outcome is audited.
import bcrypt from "bcryptjs";
import { appendAuditEvent } from "../audit/append-event";
import { db } from "../db/client";
import { clearAccount, lockedMinutes, recordFailure, throttleKeys } from "./sign-in-throttle";

export const INVALID_CREDENTIALS = "Invalid e-mail or password.";

// Compared against when the account does not exist, so both paths cost one bcrypt comparison.
const DUMMY_HASH = "$2b$10$jwniV6cOndeP2AjImvK8OekHrBrg4rYMrFmzywI5VQKT2LF2LeNDu";

export type SignedInUser = { id: string; email: string; name: string };

export class SignInError extends Error {}

export async function signInWithPassword(emailRaw: string, password: string, ip: string | null): Promise<SignedInUser> {
  const email = emailRaw.trim().toLowerCase();
  const keys = throttleKeys(email, ip);
  const wait = await lockedMinutes(keys);
  if (wait > 0) throw new SignInError(`Too many failed sign-in attempts. Try again in ${wait} minute${wait === 1 ? "" : "s"}.`);

  const user = await db.user.findUnique({ where: { email }, include: { memberships: { select: { tenantId: true } } } });
  const ok = await bcrypt.compare(password, user?.passwordHash ?? DUMMY_HASH);
  const accepted = Boolean(user && user.passwordHash && ok && !user.disabled);
  const tenants: (string | null)[] = user?.memberships.length ? user.memberships.map((m) => m.tenantId) : [null];
  await db.$transaction(async (tx) => {
    for (const tenantId of tenants) {
      // A failed attempt is not the account owner's action: it is recorded as anonymous, against
      // the account it named.
      await appendAuditEvent(tx, {
        tenantId,
        actorType: accepted ? "user" : "anonymous",
        actorId: accepted ? user!.id : null,
        actorLabel: email,
        action: accepted ? "auth.sign_in" : "auth.sign_in_failed",
        resourceType: accepted ? "session" : "user",
        resourceId: accepted ? null : user?.id ?? null,
        decision: accepted ? "success" : "failure",
        sourceIp: ip,
        payload: { method: "password", ...(accepted ? {} : { reason: user?.disabled ? "account disabled" : "invalid credentials" }) },
      });
    }
  });
  if (!accepted || !user) {
    await recordFailure(keys);
    throw new SignInError(INVALID_CREDENTIALS);
  }
  await clearAccount(keys);
  return { id: user.id, email: user.email, name: user.name };
}
