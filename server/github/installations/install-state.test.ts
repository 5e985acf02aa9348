import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { InstallStateError, signInstallState, verifyInstallState } from "./install-state";

const key = randomBytes(32);
const who = { tenantId: "tenant_1", userId: "user_1" };
const now = new Date("2026-12-08T10:00:00Z");
const problemOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof InstallStateError) return { problem: e.problem, message: e.message, ...(e.expired ? { expired: e.expired } : {}) };
    throw e;
  }
  throw new Error("no error");
};

describe("the install flow's state", () => {
  it("round-trips the tenant and the person until it expires", () => {
    const { state, expiresAt } = signInstallState(who, { now, key, ttlSeconds: 600 });
    expect(expiresAt.toISOString()).toBe("2026-12-08T10:10:00.000Z");
    expect(verifyInstallState(state, { now: new Date(now.getTime() + 599_000), key })).toEqual({ ...who, issuedAt: now, expiresAt });
    expect(problemOf(() => verifyInstallState(state, { now: expiresAt, key }))).toEqual({
      problem: "expired", message: "the install state expired at 2026-12-08T10:10:00.000Z: start connecting the installation again", expired: { ...who, issuedAt: now, expiresAt },
    });
  });

  it("is different every time (a nonce), and opens only with the key that made it", () => {
    const a = signInstallState(who, { now, key }).state;
    expect(signInstallState(who, { now, key }).state).not.toBe(a);
    expect(problemOf(() => verifyInstallState(a, { now, key: randomBytes(32) })).problem).toBe("tampered");
  });

  it("refuses a state whose tenant or person was changed, even re-encoded cleanly", () => {
    const [v, body, sig] = signInstallState(who, { now, key }).state.split(".");
    const payload = JSON.parse(Buffer.from(body!, "base64url").toString());
    const forged = Buffer.from(JSON.stringify({ ...payload, t: "tenant_2" })).toString("base64url");
    expect(problemOf(() => verifyInstallState(`${v}.${forged}.${sig}`, { now, key }))).toMatchObject({ problem: "tampered", message: expect.stringMatching(/signature does not match/) });
    const longer = Buffer.from(JSON.stringify({ ...payload, exp: payload.exp + 86_400 })).toString("base64url");
    expect(problemOf(() => verifyInstallState(`${v}.${longer}.${sig}`, { now, key })).problem).toBe("tampered");
    expect(problemOf(() => verifyInstallState(`${v}.${body}.${sig!.slice(0, -2)}`, { now, key })).problem).toBe("tampered");
  });

  it.each(["", "x", "v1.a", "v2.a.b", "v1..b", `v1.${"a".repeat(2000)}.b`])("refuses %j as not Fleetgate's", (state) => {
    expect(problemOf(() => verifyInstallState(state, { now, key })).problem).toBe("malformed");
  });
});
