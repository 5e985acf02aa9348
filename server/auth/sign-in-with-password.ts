// Local-account sign-in. Every failure answers the same message whether or not the account
// exists; a locked account or address answers how long to wait. Each failure is audited here, a
// success with the session it starts.
import bcrypt from "bcryptjs";
import { appendPersonEvents } from "../audit/append-person-events";
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
  if (!accepted || !user) {
    await db.$transaction(async (tx) => {
      // A failed attempt is not the account owner's action: it is recorded as anonymous, against
      // the account it named. (A success is recorded with the session it starts: startSession.)
      await appendPersonEvents(tx, user?.memberships.map((m) => m.tenantId) ?? [], {
        actorType: "anonymous", actorLabel: email, action: "auth.sign_in_failed", resourceType: "user", resourceId: user?.id ?? null,
        decision: "failure", sourceIp: ip, payload: { method: "password", reason: user?.disabled ? "account disabled" : "invalid credentials" },
      });
    });
    await recordFailure(keys);
    throw new SignInError(INVALID_CREDENTIALS);
  }
  await clearAccount(keys);
  return { id: user.id, email: user.email, name: user.name };
}
