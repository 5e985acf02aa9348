// The signed-in person behind a session cookie. The cookie is next-auth's JWT naming the person
// (uid) and their session (sid); it counts only while that session is live in the database, so a
// session ended by signing out, by "sign out everywhere" or by an admin is refused from the next
// request on, whatever the cookie's own expiry says. Both the API (authenticate) and the console's
// pages (page-session) ask here.
import { getToken } from "next-auth/jwt";
import type { UserActor } from "../authz/scope";
import { env } from "../env";
import { touchSession } from "../sessions/touch-session";
import { loadUserActor } from "./load-user-actor";

export type CookieJar = { getAll(): { name: string; value: string }[] };

/** next-auth names its cookie __Secure-… when the console is served over https. */
export const secureCookies = () => env().NEXTAUTH_URL?.startsWith("https://") ?? false;

/** The cookies of a Cookie header (route handlers receive the plain header). */
export function cookieJar(header: string | null): CookieJar {
  const all = (header ?? "").split(";").flatMap((part) => {
    const eq = part.indexOf("=");
    if (eq <= 0) return [];
    const value = part.slice(eq + 1).trim();
    try {
      return [{ name: part.slice(0, eq).trim(), value: decodeURIComponent(value) }];
    } catch {
      return [{ name: part.slice(0, eq).trim(), value }];
    }
  });
  return { getAll: () => all };
}

export async function sessionUser(cookies: CookieJar): Promise<UserActor | null> {
  // headers: {} so that an Authorization header is never read as a session (getToken would).
  const token = await getToken({ req: { cookies, headers: {} } as never, secret: env().NEXTAUTH_SECRET, secureCookie: secureCookies() });
  if (typeof token?.uid !== "string" || typeof token.sid !== "string") return null;
  if (!(await touchSession(token.sid, token.uid))) return null;
  const actor = await loadUserActor(token.uid);
  return actor ? { ...actor, sessionId: token.sid } : null;
}
