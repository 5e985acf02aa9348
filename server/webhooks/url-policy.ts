// Where a webhook may point. Fleetgate's worker makes the request from inside the deployment's
// network, so a URL is refused when it could reach what only that network should (server-side
// request forgery):
//   - https only; plain http only to a loopback receiver;
//   - no user name or password in the URL, no fragment;
//   - no private, link-local, shared (CGNAT), multicast or reserved address, as a literal or as what
//     the host name resolves to at delivery time (checked again on every attempt: DNS may change);
//   - no single-label or internal host names (intranet, *.local, *.internal...);
//   - loopback (localhost, 127.0.0.0/8, ::1) only when loopback receivers are allowed: by default
//     outside production and when the console itself is served from loopback (local and test
//     deployments); WEBHOOK_ALLOW_LOOPBACK=true|false decides explicitly.
// Redirects are not followed (a 3xx answer is a failed attempt).
import { BlockList, isIP } from "node:net";
import { env } from "../env";

export type AddressClass = "loopback" | "private" | "public";

const loopback = new BlockList();
loopback.addSubnet("127.0.0.0", 8, "ipv4");
loopback.addAddress("::1", "ipv6");

const nonPublic = new BlockList();
for (const [net, bits] of [
  ["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["169.254.0.0", 16], ["172.16.0.0", 12], ["192.0.0.0", 24],
  ["192.0.2.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15], ["198.51.100.0", 24], ["203.0.113.0", 24], ["224.0.0.0", 4], ["240.0.0.0", 4],
] as const) nonPublic.addSubnet(net, bits, "ipv4");
nonPublic.addAddress("::", "ipv6");
for (const [net, bits] of [["fc00::", 7], ["fe80::", 10], ["ff00::", 8], ["2001:db8::", 32]] as const) nonPublic.addSubnet(net, bits, "ipv6");

const INTERNAL_SUFFIXES = [".local", ".internal", ".localdomain", ".home.arpa", ".lan", ".intranet"];

export function classifyAddress(ip: string): AddressClass {
  const family = isIP(ip);
  if (family === 0) throw new Error(`not an IP address: ${ip}`);
  const type = family === 4 ? "ipv4" : "ipv6";
  if (loopback.check(ip, type)) return "loopback";
  return nonPublic.check(ip, type) ? "private" : "public";
}

/** The host as a connection sees it: no IPv6 brackets, no trailing dot, lower case. */
export const bareHost = (hostname: string) => hostname.replace(/^\[|\]$/g, "").replace(/\.$/, "").toLowerCase();

export type UrlCheck = { ok: true; url: URL; loopback: boolean } | { ok: false; problem: string };

export function checkWebhookUrl(raw: string, o: { allowLoopback: boolean }): UrlCheck {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, problem: "must be an absolute URL like https://hooks.example.com/fleetgate" };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return { ok: false, problem: "must be an https:// URL" };
  if (url.username || url.password) return { ok: false, problem: "must not contain a user name or password; put credentials in the URL's path or rely on the signature" };
  if (url.hash) return { ok: false, problem: "must not contain a #fragment" };
  const host = bareHost(url.hostname);
  let isLoopback: boolean;
  if (isIP(host)) {
    const c = classifyAddress(host);
    if (c === "private") return { ok: false, problem: `must not point into a private or reserved network (${host})` };
    isLoopback = c === "loopback";
  } else if (host === "localhost" || host.endsWith(".localhost")) {
    isLoopback = true;
  } else {
    if (!host.includes(".")) return { ok: false, problem: `must name a public host; "${host}" is a single-label (internal) name` };
    if (INTERNAL_SUFFIXES.some((s) => host.endsWith(s))) return { ok: false, problem: `must name a public host; "${host}" is an internal name` };
    isLoopback = false;
  }
  if (isLoopback && !o.allowLoopback) return { ok: false, problem: "must not point at this server's own loopback address (loopback receivers are disabled here)" };
  if (url.protocol === "http:" && !isLoopback) return { ok: false, problem: "must use https (plain http only for a receiver on loopback)" };
  return { ok: true, url, loopback: isLoopback };
}

/** Whether this deployment accepts loopback receivers (see the header). */
export function loopbackAllowed(): boolean {
  const e = env();
  if (e.WEBHOOK_ALLOW_LOOPBACK !== undefined) return e.WEBHOOK_ALLOW_LOOPBACK;
  if (e.NODE_ENV !== "production") return true;
  if (!e.NEXTAUTH_URL) return false;
  const host = bareHost(new URL(e.NEXTAUTH_URL).hostname);
  return host === "localhost" || host.endsWith(".localhost") || (isIP(host) !== 0 && classifyAddress(host) === "loopback");
}

/** How a URL is written where it might be read by others (audit, logs): the path may be a credential (Slack's is). */
export function maskedUrl(raw: string): string {
  try {
    const u = new URL(raw);
    return `${u.protocol}//${u.host}${u.pathname === "/" && !u.search ? "/" : "/…"}`;
  } catch {
    return "[unparseable URL]";
  }
}
