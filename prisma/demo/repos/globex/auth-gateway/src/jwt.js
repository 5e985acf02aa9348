// Compact JWTs signed with HMAC-SHA256. Only HS256 is accepted: a token announcing any other
// algorithm (including "none") is refused before its claims are read.
import { createHmac, timingSafeEqual } from "node:crypto";

const b64url = (input) => Buffer.from(input).toString("base64url");

export class TokenError extends Error {
  constructor(reason) {
    super(`invalid token: ${reason}`);
    this.name = "TokenError";
    this.reason = reason;
  }
}

export function sign(claims, secret) {
  const head = b64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const body = b64url(JSON.stringify(claims));
  const signature = createHmac("sha256", secret).update(`${head}.${body}`).digest("base64url");
  return `${head}.${body}.${signature}`;
}

export function verify(token, secret, { issuer, audience, clockSkewSeconds = 0, now = Date.now() } = {}) {
  const parts = String(token).split(".");
  if (parts.length !== 3) throw new TokenError("malformed");
  const [head, body, signature] = parts;
  let header;
  try {
    header = JSON.parse(Buffer.from(head, "base64url").toString("utf8"));
  } catch {
    throw new TokenError("malformed");
  }
  if (header.alg !== "HS256") throw new TokenError(`algorithm ${header.alg} not accepted`);
  const expected = createHmac("sha256", secret).update(`${head}.${body}`).digest();
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new TokenError("bad signature");
  const claims = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  const seconds = Math.floor(now / 1000);
  if (typeof claims.exp === "number" && seconds > claims.exp + clockSkewSeconds) throw new TokenError("expired");
  if (typeof claims.nbf === "number" && seconds < claims.nbf - clockSkewSeconds) throw new TokenError("not yet valid");
  if (issuer && claims.iss !== issuer) throw new TokenError("wrong issuer");
  if (audience && ![].concat(claims.aud).includes(audience)) throw new TokenError("wrong audience");
  return claims;
}
