// Webhook signing secrets at rest: the shared secret box (server/secrets/secret-box.ts) under the
// "webhook" purpose, bound to the tenant. The plain secret exists only in the creation/rotation
// answer and in the worker's memory while it signs.
import { randomBytes } from "node:crypto";
import * as box from "../secrets/secret-box";

export { SecretBoxError } from "../secrets/secret-box";

export const deriveKey = (masterSecret: string): Buffer => box.deriveKey(masterSecret, "webhook");

export const sealSecret = (plain: string, tenantId: string, key?: Buffer): string => box.sealSecret(plain, "webhook", tenantId, key);

export const openSecret = (sealed: string, tenantId: string, key?: Buffer): string => box.openSecret(sealed, "webhook", tenantId, key);

/** A new signing secret and the prefix kept to recognise it: `whsec_` and 32 random bytes. */
export function generateSigningSecret(): { secret: string; prefix: string } {
  const secret = `whsec_${randomBytes(32).toString("base64url")}`;
  return { secret, prefix: secret.slice(0, 12) };
}
