import { describe, expect, it } from "vitest";
import { API_POLICY } from "./security-headers";
import { hardenRequest } from "./harden-request";

const harden = (method: string, url: string, headers: Record<string, string> = {}) =>
  hardenRequest({ method, url, headers: new Headers(headers) }, { dev: false, https: false });
const header = (h: ReturnType<typeof harden>, name: string) => h.headers.find(([n]) => n === name)?.[1];

describe("hardenRequest", () => {
  it("gives a page a nonce policy, and the same policy to the request for Next to read the nonce from", () => {
    const a = harden("GET", "/acme/runs?state=running");
    expect(header(a, "content-security-policy")).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/]{22}==' 'strict-dynamic'/);
    expect(a.requestPolicy).toBe(header(a, "content-security-policy"));
    expect(a.answer).toBeUndefined();
    expect(harden("GET", "/acme/runs").requestPolicy).not.toBe(a.requestPolicy);
  });

  it("gives API answers the policy that runs nothing and takes away any policy the client sent", () => {
    for (const url of ["/api/v1/tenants/acme/runs", "/api/v1/no-such-thing", "/api/auth/session", "/api"]) {
      const h = harden("GET", url);
      expect(header(h, "content-security-policy"), url).toBe(API_POLICY);
      expect(header(h, "x-frame-options"), url).toBe("DENY");
      expect(h.requestPolicy, url).toBeNull();
      expect(h.answer, url).toBeUndefined();
    }
  });

  it("answers a known API path asked with a method it does not serve: 405, Allow, the error format", async () => {
    const h = harden("DELETE", "/api/v1/tenants/acme/runs?limit=5", { "x-request-id": "req-12345678" });
    expect(h.answer?.status).toBe(405);
    expect(h.answer?.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
    expect(h.answer?.headers.get("x-request-id")).toBe("req-12345678");
    expect(await h.answer?.json()).toEqual({
      error: { code: "method_not_allowed", message: "DELETE is not an API operation at /api/v1/tenants/acme/runs; it answers GET, HEAD, OPTIONS", details: { allow: "GET, HEAD, OPTIONS" } },
    });
    expect(header(h, "content-security-policy")).toBe(API_POLICY);
  });

  it("hands Next what it serves: the methods of the path, HEAD beside GET, OPTIONS, unknown paths and next-auth's", () => {
    for (const [method, url] of [
      ["GET", "/api/v1/tenants/acme/runs"], ["HEAD", "/api/v1/tenants/acme/runs"], ["OPTIONS", "/api/v1/tenants/acme/tasks"],
      ["POST", "/api/v1/tenants/acme/tasks"], ["PATCH", "/api/v1/tenants/acme/members/m1"], ["DELETE", "/api/v1/no-such-thing"],
      ["POST", "/api/auth/signout"], ["PUT", "/api/auth/anything"],
    ]) {
      expect(harden(method!, url!).answer, `${method} ${url}`).toBeUndefined();
    }
  });
});
