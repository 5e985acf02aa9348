// Secrets at rest (webhook signing secrets, model API keys, leased installation tokens): AES-256-GCM under a key derived
// (HKDF-SHA256) from the server's NEXTAUTH_SECRET, one key per purpose, and bound to the tenant
// and the purpose (additional data), so a ciphertext copied to another tenant's row, or from one
// kind of secret to another, does not open. A plain secret is never logged, audited or returned.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { env } from "../env";

const VERSION = "v1";
const SALT = "fleetgate";

export type SecretPurpose = {
  /** HKDF info: a distinct key per purpose. Never change one: its stored ciphertexts would stop opening. */
  info: string;
  /** Prefix of the additional data, `<aad>:<tenantId>`. */
  aad: string;
  /** What it is, for messages ("the signing secret"). */
  what: string;
  /** What an admin does when it no longer opens. */
  remedy: string;
};

export const SECRET_PURPOSES = {
  webhook: { info: "fleetgate/webhook-signing-secret/v1", aad: "webhook", what: "signing secret", remedy: "rotate this webhook's secret" },
  model: { info: "fleetgate/model-api-key/v1", aad: "model-endpoint", what: "model API key", remedy: "set the key again in Admin → Model endpoint" },
  github_token: { info: "fleetgate/github-installation-token/v1", aad: "token-lease", what: "installation token", remedy: "let it expire (an hour at most)" },
  // Not a sealed secret: the HMAC key of the GitHub install flow's state (server/github/installations/install-state.ts).
  github_install_state: { info: "fleetgate/github-install-state/v1", aad: "github-install-state", what: "install state", remedy: "start connecting the installation again" },
} as const satisfies Record<string, SecretPurpose>;

export type SecretPurposeName = keyof typeof SECRET_PURPOSES;

export class SecretBoxError extends Error {}

const b64 = (b: Buffer) => b.toString("base64url");

export function deriveKey(masterSecret: string, purpose: SecretPurposeName): Buffer {
  return Buffer.from(hkdfSync("sha256", Buffer.from(masterSecret, "utf8"), SALT, SECRET_PURPOSES[purpose].info, 32));
}

const cached = new Map<SecretPurposeName, { master: string; key: Buffer }>();
export function serverKey(purpose: SecretPurposeName): Buffer {
  const master = env().NEXTAUTH_SECRET;
  const hit = cached.get(purpose);
  if (hit?.master === master) return hit.key;
  const key = deriveKey(master, purpose);
  cached.set(purpose, { master, key });
  return key;
}

const aad = (purpose: SecretPurposeName, tenantId: string) => Buffer.from(`${SECRET_PURPOSES[purpose].aad}:${tenantId}`);

/** `v1.<iv>.<tag>.<ciphertext>`, base64url parts. */
export function sealSecret(plain: string, purpose: SecretPurposeName, tenantId: string, key: Buffer = serverKey(purpose)): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(aad(purpose, tenantId));
  const ct = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [VERSION, b64(iv), b64(cipher.getAuthTag()), b64(ct)].join(".");
}

export function openSecret(sealed: string, purpose: SecretPurposeName, tenantId: string, key: Buffer = serverKey(purpose)): string {
  const p = SECRET_PURPOSES[purpose];
  const [version, iv, tag, ct] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || ct === undefined) throw new SecretBoxError(`the stored ${p.what} has an unknown format`);
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
    decipher.setAAD(aad(purpose, tenantId));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ct, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    // Wrong key (NEXTAUTH_SECRET changed) or a tampered row: say which remedy works, nothing more.
    throw new SecretBoxError(`the ${p.what} cannot be decrypted (was NEXTAUTH_SECRET changed?); ${p.remedy}`);
  }
}
