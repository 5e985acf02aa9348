// Signing secrets at rest: AES-256-GCM under a key derived (HKDF-SHA256) from the server's
// NEXTAUTH_SECRET, bound to the tenant (additional data), so a ciphertext copied to another tenant's
// row does not open. The plain secret exists only in the creation/rotation answer and in the worker's
// memory while it signs; it is never logged, audited or returned again.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { env } from "../env";

const VERSION = "v1";
const INFO = "fleetgate/webhook-signing-secret/v1";
const SALT = "fleetgate";

export class SecretBoxError extends Error {}

const b64 = (b: Buffer) => b.toString("base64url");

export function deriveKey(masterSecret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", Buffer.from(masterSecret, "utf8"), SALT, INFO, 32));
}

let cachedKey: { master: string; key: Buffer } | undefined;
function serverKey(): Buffer {
  const master = env().NEXTAUTH_SECRET;
  if (cachedKey?.master !== master) cachedKey = { master, key: deriveKey(master) };
  return cachedKey.key;
}

/** `v1.<iv>.<tag>.<ciphertext>`, base64url parts. */
export function sealSecret(plain: string, tenantId: string, key: Buffer = serverKey()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(`webhook:${tenantId}`));
  const ct = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [VERSION, b64(iv), b64(cipher.getAuthTag()), b64(ct)].join(".");
}

export function openSecret(sealed: string, tenantId: string, key: Buffer = serverKey()): string {
  const [version, iv, tag, ct] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || ct === undefined) throw new SecretBoxError("the stored signing secret has an unknown format");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(`webhook:${tenantId}`));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ct, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    // Wrong key (NEXTAUTH_SECRET changed) or a tampered row: say which remedy works, nothing more.
    throw new SecretBoxError("the signing secret cannot be decrypted (was NEXTAUTH_SECRET changed?); rotate this webhook's secret");
  }
}

/** A new signing secret and the prefix kept to recognise it: `whsec_` and 32 random bytes. */
export function generateSigningSecret(): { secret: string; prefix: string } {
  const secret = `whsec_${randomBytes(32).toString("base64url")}`;
  return { secret, prefix: secret.slice(0, 12) };
}
