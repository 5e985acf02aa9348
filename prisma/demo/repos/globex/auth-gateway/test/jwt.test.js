import assert from "node:assert/strict";
import { test } from "node:test";
import { sign, TokenError, verify } from "../src/jwt.js";

const secret = "test-secret-not-used-anywhere-else";
const now = Date.parse("2024-01-01T00:00:00Z");
const claims = { sub: "user_42", iss: "https://login.globex.example", aud: "globex-api", exp: now / 1000 + 600 };
const options = { issuer: "https://login.globex.example", audience: "globex-api", now };

test("a token signed with the key verifies and returns its claims", () => {
  assert.deepEqual(verify(sign(claims, secret), secret, options), claims);
});

test("a token signed with another key is refused", () => {
  assert.throws(() => verify(sign(claims, "other"), secret, options), /bad signature/);
});

test("an expired token is refused, within the clock skew it is accepted", () => {
  const token = sign({ ...claims, exp: now / 1000 - 10 }, secret);
  assert.throws(() => verify(token, secret, options), /expired/);
  assert.doesNotThrow(() => verify(token, secret, { ...options, clockSkewSeconds: 30 }));
});

test("alg none is refused before anything else is read", () => {
  const head = Buffer.from(JSON.stringify({ alg: "none" })).toString("base64url");
  const body = Buffer.from(JSON.stringify(claims)).toString("base64url");
  assert.throws(() => verify(`${head}.${body}.`, secret, options), TokenError);
});

test("wrong audience and issuer are refused", () => {
  assert.throws(() => verify(sign({ ...claims, aud: "other-api" }, secret), secret, options), /wrong audience/);
  assert.throws(() => verify(sign({ ...claims, iss: "https://evil.example" }, secret), secret, options), /wrong issuer/);
});
