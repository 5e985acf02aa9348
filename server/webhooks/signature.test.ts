import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signatureHeader, signBody, verifySignature } from "./signature";

const SECRET = "whsec_test-secret";
const BODY = '{"event":"approval.requested","text":"hello"}';

describe("webhook signature", () => {
  it("is hex HMAC-SHA256 over '<t>.<raw body>' keyed with the secret's text", () => {
    const expected = createHmac("sha256", SECRET).update(`1700000000.${BODY}`).digest("hex");
    expect(signBody(SECRET, 1700000000, BODY)).toBe(expected);
    expect(signatureHeader(SECRET, BODY, 1700000000)).toBe(`t=1700000000,v1=${expected}`);
  });

  it("verifies what it signed, within the tolerance", () => {
    const header = signatureHeader(SECRET, BODY, 1700000000);
    expect(verifySignature(SECRET, BODY, header, { now: 1700000100 })).toEqual({ ok: true, timestamp: 1700000000 });
  });

  it.each([
    ["another body", SECRET, BODY.replace("hello", "hellO"), 1700000000],
    ["another secret", "whsec_other", BODY, 1700000000],
  ])("refuses %s", (_what, secret, body) => {
    const header = signatureHeader(SECRET, BODY, 1700000000);
    expect(verifySignature(secret, body, header, { now: 1700000000 })).toEqual({ ok: false, reason: "signature does not match" });
  });

  it("refuses an old timestamp (replay) and malformed headers", () => {
    const header = signatureHeader(SECRET, BODY, 1700000000);
    expect(verifySignature(SECRET, BODY, header, { now: 1700000000 + 301 })).toMatchObject({ ok: false, reason: "timestamp outside the tolerance" });
    expect(verifySignature(SECRET, BODY, null)).toMatchObject({ ok: false, reason: "no signature header" });
    expect(verifySignature(SECRET, BODY, "v1=abc")).toMatchObject({ ok: false, reason: "malformed signature header" });
    expect(verifySignature(SECRET, BODY, "t=1700000000,v1=zz", { now: 1700000000 })).toMatchObject({ ok: false });
  });

  it("accepts any matching v1 among several", () => {
    const good = signBody(SECRET, 1700000000, BODY);
    expect(verifySignature(SECRET, BODY, `t=1700000000,v1=${"0".repeat(64)},v1=${good}`, { now: 1700000000 }).ok).toBe(true);
  });
});
