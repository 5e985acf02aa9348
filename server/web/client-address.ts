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
