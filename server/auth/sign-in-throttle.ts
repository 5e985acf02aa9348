// Failed sign-in counters per account and per address, kept in PostgreSQL so every web process
// sees the same counts. Unknown accounts are counted exactly like real ones, so the answers never
// reveal whether an account exists.
import { env } from "../env";
import { db } from "../db/client";

export const throttleKeys = (email: string, ip: string | null) => ({
  account: `account:${email.trim().toLowerCase()}`,
  address: `address:${ip ?? "unknown"}`,
});

/** Minutes until the caller may try again, or 0 when not locked. */
export async function lockedMinutes(keys: { account: string; address: string }): Promise<number> {
  const rows = await db.signInThrottle.findMany({ where: { key: { in: [keys.account, keys.address] }, lockedUntil: { gt: new Date() } } });
  const until = Math.max(0, ...rows.map((r) => r.lockedUntil!.getTime()));
  return until ? Math.ceil((until - Date.now()) / 60_000) : 0;
}

export async function recordFailure(keys: { account: string; address: string }): Promise<void> {
  const e = env();
  const windowMs = e.SIGNIN_WINDOW_MINUTES * 60_000;
  for (const [key, max] of [[keys.account, e.SIGNIN_MAX_FAILURES_PER_ACCOUNT], [keys.address, e.SIGNIN_MAX_FAILURES_PER_ADDRESS]] as const) {
    // One statement: a new window starts when the old one has passed; reaching the limit locks.
    await db.$executeRaw`
      INSERT INTO "SignInThrottle" (key, failures, "windowStartedAt", "lockedUntil")
      VALUES (${key}, 1, now(), CASE WHEN 1 >= ${max} THEN now() + ${windowMs} * interval '1 millisecond' END)
      ON CONFLICT (key) DO UPDATE SET
        failures = CASE WHEN "SignInThrottle"."windowStartedAt" < now() - ${windowMs} * interval '1 millisecond' THEN 1 ELSE "SignInThrottle".failures + 1 END,
        "windowStartedAt" = CASE WHEN "SignInThrottle"."windowStartedAt" < now() - ${windowMs} * interval '1 millisecond' THEN now() ELSE "SignInThrottle"."windowStartedAt" END,
        "lockedUntil" = CASE
          WHEN "SignInThrottle"."windowStartedAt" >= now() - ${windowMs} * interval '1 millisecond' AND "SignInThrottle".failures + 1 >= ${max}
          THEN now() + ${windowMs} * interval '1 millisecond' ELSE "SignInThrottle"."lockedUntil" END`;
  }
}

export async function clearAccount(keys: { account: string }): Promise<void> {
  await db.signInThrottle.deleteMany({ where: { key: keys.account } });
}
