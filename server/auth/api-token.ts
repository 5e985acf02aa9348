// API tokens: "fg_" + 32 random bytes. Only the sha256 is stored; the prefix helps people tell
// tokens apart in lists without being usable.
import { createHash, randomBytes } from "node:crypto";

export const TOKEN_PREFIX = "fg_";

export function generateToken(): { token: string; prefix: string; hash: string } {
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  return { token, prefix: token.slice(0, 10), hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
