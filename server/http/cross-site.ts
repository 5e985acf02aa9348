// Changes made with the session cookie must come from the console's own pages. SameSite=Lax cookies
// and the JSON content type already stop most forged requests; this is the server's own check, on
// what every current browser sends with a change: Sec-Fetch-Site (how the request's initiator relates
// to us) and Origin (whose page sent it). An API token (Authorization: Bearer) is not sent by a
// browser on its own, so only cookie-authenticated requests are checked (withAuthz, withPerson).
import type { Actor } from "../authz/scope";
import { env } from "../env";
import { REQUEST_SCHEME_HEADER } from "../web/client-address";
import { AppError } from "../core/app-error";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * The console's own origins: its public URL (NEXTAUTH_URL) and the origin the request was addressed
 * to (Host, with the scheme serve.ts vouches for), so a console reached under another name (localhost
 * and 127.0.0.1 in development, a proxy that keeps Host) still works. Trusting Host is safe here: a
 * forged request from another site names the attacker's page in Origin, and a page served under
 * another name (DNS rebinding) never carries the console's cookie.
 */
export function ownOrigins(headers: Headers, publicUrl: string | undefined): string[] {
  const origins: string[] = [];
  if (publicUrl) origins.push(new URL(publicUrl).origin);
  const host = headers.get("host");
  if (host) {
    const scheme = headers.get(REQUEST_SCHEME_HEADER) === "https" ? "https" : "http";
    try {
      origins.push(new URL(`${scheme}://${host}`).origin);
    } catch {
      // A Host that is no host names no origin of ours.
    }
  }
  return origins;
}

/**
 * Why a cookie-authenticated request must be refused as cross-site, or null when it may go on.
 * - Reads (GET, HEAD, OPTIONS) change nothing: never refused here.
 * - Sec-Fetch-Site other than same-origin or none (a person's own navigation): refused. same-site
 *   is a sibling subdomain, which is another origin; an unknown value is refused too (fail closed).
 * - Origin present and not one of ours (including "null", from sandboxed frames and opaque
 *   redirects): refused.
 * - Neither header: allowed. Browsers send Origin with every cross-origin POST, PUT, PATCH and DELETE
 *   (and Sec-Fetch-Site with every request), so a request with neither did not come from another
 *   site's page in a browser: it is curl, a script or a server holding the cookie, which could send
 *   any header it liked anyway.
 */
export function crossSiteRefusal(req: { method: string; headers: Headers }, origins: readonly string[]): string | null {
  if (SAFE_METHODS.has(req.method.toUpperCase())) return null;
  const site = req.headers.get("sec-fetch-site")?.trim().toLowerCase();
  if (site !== undefined && site !== "same-origin" && site !== "none") {
    return `refused a change sent from another site (Sec-Fetch-Site: ${site.slice(0, 40)}); use the console's own pages or an API token`;
  }
  const origin = req.headers.get("origin");
  if (origin !== null && !origins.includes(origin.trim())) {
    return `refused a change sent from another origin (Origin: ${origin.slice(0, 200)}); use the console's own pages or an API token`;
  }
  return null;
}

/** The wrappers' step: a person's (cookie) request that changes something from another site is a 403 saying why. */
export function refuseCrossSite(req: Request, actor: Actor): void {
  // Of the two credentials only the session cookie rides along on a request another site's page sends.
  if (actor.kind !== "user") return;
  const refusal = crossSiteRefusal(req, ownOrigins(req.headers, env().NEXTAUTH_URL));
  if (refusal) throw new AppError("forbidden", refusal, { reason: "cross_site" });
}
