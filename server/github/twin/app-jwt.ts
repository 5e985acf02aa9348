// The GitHub App's JSON web token (RS256), as GitHub checks it: `iss` is the app id, `exp` at most
// ten minutes after `iat` and in the future, `iat` not in the future (60 s of clock drift allowed,
// the drift GitHub's docs tell clients to allow for). `signAppJwt` is what a client (a test, the
// CLI) sends; the twin only ever verifies.
import { createPublicKey, createSign, createVerify, type KeyObject } from "node:crypto";
import { GithubError } from "./github-error";

const DRIFT_SECONDS = 60;
const MAX_LIFETIME_SECONDS = 600;

const b64url = (b: Buffer | string) => Buffer.from(b).toString("base64url");

export function signAppJwt(privateKeyPem: string, appId: number | string, options: { now?: number; iat?: number; exp?: number } = {}): string {
  const now = options.now ?? Math.floor(Date.now() / 1000);
  const iat = options.iat ?? now - 30;
  const exp = options.exp ?? iat + MAX_LIFETIME_SECONDS;
  const input = `${b64url(JSON.stringify({ alg: "RS256", typ: "JWT" }))}.${b64url(JSON.stringify({ iat, exp, iss: String(appId) }))}`;
  const signature = createSign("RSA-SHA256").update(input).sign(privateKeyPem);
  return `${input}.${b64url(signature)}`;
}

/** Throws GitHub's 401 for every way a JWT can be wrong; answers nothing when it is right. */
export function verifyAppJwt(jwt: string, app: { id: number; publicKeyPem: string }, now = Math.floor(Date.now() / 1000)): void {
  const undecodable = () => new GithubError(401, "A JSON web token could not be decoded");
  const [h, c, s] = jwt.split(".");
  if (h === undefined || c === undefined || s === undefined || jwt.split(".").length !== 3) throw undecodable();
  let header: { alg?: unknown };
  let claims: { iat?: unknown; exp?: unknown; iss?: unknown };
  try {
    header = JSON.parse(Buffer.from(h, "base64url").toString("utf8"));
    claims = JSON.parse(Buffer.from(c, "base64url").toString("utf8"));
  } catch {
    throw undecodable();
  }
  if (header.alg !== "RS256") throw undecodable();
  const key: KeyObject = createPublicKey(app.publicKeyPem);
  const ok = createVerify("RSA-SHA256").update(`${h}.${c}`).verify(key, Buffer.from(s, "base64url"));
  if (!ok) throw undecodable();
  if (typeof claims.iss !== "string" && typeof claims.iss !== "number") throw new GithubError(401, "'Issuer' claim ('iss') must be an Integer");
  if (String(claims.iss) !== String(app.id)) throw new GithubError(401, "Integration not found");
  if (typeof claims.iat !== "number" || claims.iat > now + DRIFT_SECONDS) throw new GithubError(401, "'Issued at' claim ('iat') must be an Integer representing a time in the past");
  if (typeof claims.exp !== "number" || claims.exp <= now) throw new GithubError(401, "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires");
  if (claims.exp - claims.iat > MAX_LIFETIME_SECONDS || claims.exp > now + MAX_LIFETIME_SECONDS + DRIFT_SECONDS) throw new GithubError(401, "'Expiration time' claim ('exp') is too far in the future");
}
