// Which address a request came from. X-Forwarded-For is written by whoever sends the request, so
// only the entries appended by proxies we run can be believed: with N trusted proxy hops in front
// of Fleetgate, the client is the N-th address from the right of [forwarded..., socket peer].
export const CLIENT_ADDRESS_HEADER = "x-fleetgate-client-ip";
/** The path and query the browser asked for, so a page that sends someone to sign in can bring them back. */
export const REQUEST_PATH_HEADER = "x-fleetgate-path";

export function clientAddress(peer: string | undefined, forwardedFor: string | string[] | undefined, trustedHops: number): string | null {
  const forwarded = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const chain = trustedHops > 0 ? [...forwarded, ...(peer ? [peer] : [])] : peer ? [peer] : [];
  if (chain.length === 0) return null;
  const address = chain[Math.max(0, chain.length - 1 - trustedHops)]!;
  return /^[0-9A-Fa-f:.]{2,45}$/.test(address) ? address.replace(/^::ffff:(?=\d+\.)/, "") : null;
}

/** "https" or "http": the scheme the browser used, as stamped by serve.ts. */
export const REQUEST_SCHEME_HEADER = "x-fleetgate-scheme";

/**
 * The scheme the browser used. serve.ts speaks plain HTTP, so "https" can only come from a
 * TLS-terminating proxy of ours, in X-Forwarded-Proto: with N trusted hops, the value the outermost
 * trusted proxy wrote is the N-th from the right (a proxy that overwrites the header leaves one).
 * With no trusted proxy the header is the client's own words and counts for nothing.
 */
export function requestScheme(forwardedProto: string | string[] | undefined, trustedHops: number): "http" | "https" {
  if (trustedHops === 0) return "http";
  const values = (Array.isArray(forwardedProto) ? forwardedProto.join(",") : forwardedProto ?? "")
    .split(",")
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  return values[Math.max(0, values.length - trustedHops)] === "https" ? "https" : "http";
}
