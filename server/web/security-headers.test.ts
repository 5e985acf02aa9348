import { describe, expect, it } from "vitest";
import { API_POLICY, newNonce, pagePolicy, securityHeaders } from "./security-headers";

const directives = (policy: string) => new Map(policy.split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));

describe("pagePolicy", () => {
  const prod = directives(pagePolicy({ nonce: "abc123==", dev: false, https: false }));

  it("runs scripts and styles only with this response's nonce in production", () => {
    expect(prod.get("script-src")).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    expect(prod.get("style-src")).toEqual(["'self'", "'nonce-abc123=='"]);
    expect([...prod.values()].flat()).not.toContain("'unsafe-inline'");
    expect([...prod.values()].flat()).not.toContain("'unsafe-eval'");
  });

  it("cannot be framed, and loads objects, frames and workers from nowhere", () => {
    expect(prod.get("frame-ancestors")).toEqual(["'none'"]);
    for (const d of ["object-src", "frame-src", "worker-src"]) expect(prod.get(d), d).toEqual(["'none'"]);
    expect(prod.get("default-src")).toEqual(["'self'"]);
    expect(prod.get("form-action")).toEqual(["'self'"]);
  });

  it("upgrades insecure requests only when served over https", () => {
    expect(prod.has("upgrade-insecure-requests")).toBe(false);
    expect(directives(pagePolicy({ nonce: "n", dev: false, https: true })).has("upgrade-insecure-requests")).toBe(true);
  });

  it("allows what next dev needs only in development", () => {
    const dev = directives(pagePolicy({ nonce: "n", dev: true, https: false }));
    expect(dev.get("script-src")).toContain("'unsafe-eval'");
    expect(dev.get("script-src")).not.toContain("'unsafe-inline'");
    expect(dev.get("style-src")).toContain("'unsafe-inline'");
  });

  it("refuses to build a page policy without a nonce", () => {
    expect(() => pagePolicy({ dev: false, https: false })).toThrow(/nonce/);
  });
});

describe("securityHeaders", () => {
  const headers = (ctx: Parameters<typeof securityHeaders>[0]) => Object.fromEntries(securityHeaders(ctx));

  it("sends the framing, sniffing, referrer and permissions headers on every answer", () => {
    for (const ctx of [{ dev: false, https: false }, { nonce: "n", dev: false, https: true }]) {
      const h = headers(ctx);
      expect(h["x-frame-options"]).toBe("DENY");
      expect(h["x-content-type-options"]).toBe("nosniff");
      expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
      expect(h["permissions-policy"]).toMatch(/(^|, )camera=\(\)/);
      expect(h["permissions-policy"]).toMatch(/(^|, )geolocation=\(\)/);
      expect(h["permissions-policy"]).toMatch(/clipboard-write=\(self\)/);
    }
  });

  it("gives API answers the policy that runs nothing, and pages the nonce policy", () => {
    expect(headers({ dev: false, https: false })["content-security-policy"]).toBe(API_POLICY);
    expect(headers({ nonce: "xyz", dev: false, https: false })["content-security-policy"]).toContain("'nonce-xyz'");
    expect(directives(API_POLICY).get("default-src")).toEqual(["'none'"]);
    expect(directives(API_POLICY).get("frame-ancestors")).toEqual(["'none'"]);
  });

  it("sends HSTS only over https", () => {
    expect(headers({ dev: false, https: false })["strict-transport-security"]).toBeUndefined();
    expect(headers({ dev: false, https: true })["strict-transport-security"]).toMatch(/^max-age=\d{7,}/);
  });
});

describe("newNonce", () => {
  it("is 128 random bits in base64, new every time", () => {
    const a = newNonce();
    expect(Buffer.from(a, "base64")).toHaveLength(16);
    expect(a).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(new Set(Array.from({ length: 50 }, newNonce)).size).toBe(50);
  });
});
