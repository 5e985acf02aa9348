// The `state` of GitHub's install flow: which tenant, which person, and until when. GitHub hands it
// back unchanged to the setup URL (GET /api/github/setup), so it is signed (HMAC-SHA256 under a key
// derived from the server's secret for this purpose only) and short-lived: a state that was changed,
// or that expired, binds nothing.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { serverKey } from "../../secrets/secret-box";

const VERSION = "v1";

/** How long a person has between starting to connect and coming back from GitHub. */
export const INSTALL_STATE_TTL_SECONDS = 15 * 60;

export type InstallState = { tenantId: string; userId: string; issuedAt: Date; expiresAt: Date };

export type InstallStateProblem = "malformed" | "tampered" | "expired";

export class InstallStateError extends Error {
  /** For an expired state: what it named (its signature held, so the tenant can be trusted with where to send the person). */
  constructor(readonly problem: InstallStateProblem, message: string, readonly expired?: InstallState) {
    super(message);
    this.name = "InstallStateError";
  }
}

const ZPayload = z.object({ t: z.string().min(1).max(64), p: z.string().min(1).max(64), iat: z.number().int(), exp: z.number().int(), n: z.string() }).strict();

const mac = (body: string, key: Buffer) => createHmac("sha256", key).update(`${VERSION}.${body}`).digest();

export function signInstallState(
  who: { tenantId: string; userId: string },
  o: { now?: Date; ttlSeconds?: number; key?: Buffer } = {},
): { state: string; expiresAt: Date } {
  const iat = Math.floor((o.now ?? new Date()).getTime() / 1000);
  const exp = iat + (o.ttlSeconds ?? INSTALL_STATE_TTL_SECONDS);
  const body = Buffer.from(JSON.stringify({ t: who.tenantId, p: who.userId, iat, exp, n: randomBytes(9).toString("base64url") })).toString("base64url");
  const sig = mac(body, o.key ?? serverKey("github_install_state")).toString("base64url");
  return { state: `${VERSION}.${body}.${sig}`, expiresAt: new Date(exp * 1000) };
}

/** The tenant and person a state names; throws InstallStateError saying what is wrong with it. */
export function verifyInstallState(state: string, o: { now?: Date; key?: Buffer } = {}): InstallState {
  const parts = state.split(".");
  if (parts.length !== 3 || parts[0] !== VERSION || !parts[1] || !parts[2] || state.length > 1024) {
    throw new InstallStateError("malformed", "the install state is not one Fleetgate made");
  }
  const [, body, sig] = parts as [string, string, string];
  const expected = mac(body, o.key ?? serverKey("github_install_state"));
  const given = Buffer.from(sig, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new InstallStateError("tampered", "the install state's signature does not match: it was changed, or made with another server secret");
  }
  let payload: z.infer<typeof ZPayload>;
  try {
    payload = ZPayload.parse(JSON.parse(Buffer.from(body, "base64url").toString("utf8")));
  } catch {
    throw new InstallStateError("malformed", "the install state is not one Fleetgate made");
  }
  const named = { tenantId: payload.t, userId: payload.p, issuedAt: new Date(payload.iat * 1000), expiresAt: new Date(payload.exp * 1000) };
  const now = Math.floor((o.now ?? new Date()).getTime() / 1000);
  if (now >= payload.exp) {
    throw new InstallStateError("expired", `the install state expired at ${named.expiresAt.toISOString()}: start connecting the installation again`, named);
  }
  return named;
}
