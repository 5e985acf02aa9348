import { afterEach, describe, expect, it } from "vitest";
import { overrideEnv } from "../env";
import { checkWebhookUrl, classifyAddress, loopbackAllowed, maskedUrl } from "./url-policy";

const ok = (url: string, allowLoopback = false) => checkWebhookUrl(url, { allowLoopback });

describe("webhook URL rules", () => {
  it.each([
    "https://hooks.slack.com/services/T000/B000/XXXX",
    "https://example.com:8443/fleetgate?x=1",
    "https://93.184.216.34/hook",
    "https://[2606:4700::1111]/hook",
  ])("accepts %s", (url) => {
    expect(ok(url)).toMatchObject({ ok: true, loopback: false });
  });

  it.each([
    ["not a URL", "hooks.example.com/x", /absolute URL/],
    ["another scheme", "ftp://example.com/x", /https/],
    ["javascript", "javascript:alert(1)", /https/],
    ["plain http to a public host", "http://example.com/x", /must use https/],
    ["credentials", "https://user:pass@example.com/x", /user name or password/],
    ["a fragment", "https://example.com/x#frag", /fragment/],
    ["a private address", "https://10.1.2.3/x", /private/],
    ["a private address (192.168)", "https://192.168.0.10/x", /private/],
    ["a private address (172.16/12)", "https://172.20.0.1/x", /private/],
    ["link-local metadata", "http://169.254.169.254/latest/meta-data", /private/],
    ["CGNAT", "https://100.64.0.1/x", /private/],
    ["the unspecified address", "https://0.0.0.0/x", /private/],
    ["an IPv6 unique local address", "https://[fd00::1]/x", /private/],
    ["an IPv6 link-local address", "https://[fe80::1]/x", /private/],
    ["an IPv4-mapped private address", "https://[::ffff:10.0.0.1]/x", /private/],
    ["a single-label host", "https://intranet/x", /single-label/],
    ["an internal name", "https://metadata.google.internal/x", /internal name/],
    ["a .local name", "https://printer.local/x", /internal name/],
  ])("refuses %s", (_what, url, problem) => {
    const r = ok(url, true);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem).toMatch(problem);
  });

  it("allows loopback receivers (http too) only when loopback is allowed", () => {
    for (const url of ["http://127.0.0.1:4567/hook", "http://localhost:4567/hook", "http://[::1]:4567/", "https://127.0.0.2/x", "http://LOCALHOST./x", "http://2130706433/x"]) {
      expect(ok(url, true), url).toMatchObject({ ok: true, loopback: true });
      const refused = ok(url, false);
      expect(refused.ok, url).toBe(false);
      if (!refused.ok) expect(refused.problem).toMatch(/loopback/);
    }
  });

  it("classifies addresses", () => {
    expect(classifyAddress("127.0.0.1")).toBe("loopback");
    expect(classifyAddress("::1")).toBe("loopback");
    expect(classifyAddress("::ffff:127.0.0.1")).toBe("loopback");
    expect(classifyAddress("192.168.1.1")).toBe("private");
    expect(classifyAddress("8.8.8.8")).toBe("public");
    expect(classifyAddress("2001:4860:4860::8888")).toBe("public");
  });

  it("masks the path (which may be a credential) where others read it", () => {
    expect(maskedUrl("https://hooks.slack.com/services/T000/B000/XXXX")).toBe("https://hooks.slack.com/…");
    expect(maskedUrl("https://example.com/")).toBe("https://example.com/");
    expect(maskedUrl("http://127.0.0.1:4567/hook?token=1")).toBe("http://127.0.0.1:4567/…");
  });
});

describe("loopback receivers by default", () => {
  const keys = ["NODE_ENV", "NEXTAUTH_URL", "NEXTAUTH_SECRET", "WEBHOOK_ALLOW_LOOPBACK"];
  const saved = Object.fromEntries(keys.map((k) => [k, process.env[k]]));
  const production = { NODE_ENV: "production", NEXTAUTH_SECRET: "x".repeat(32) };
  const set = (values: Record<string, string>) => {
    for (const k of keys) delete process.env[k];
    Object.assign(process.env, values);
    overrideEnv({});
  };
  afterEach(() => set(Object.fromEntries(Object.entries(saved).filter((e): e is [string, string] => e[1] !== undefined))));

  it("are allowed outside production and where the console itself is on loopback", () => {
    set({ NODE_ENV: "development" });
    expect(loopbackAllowed()).toBe(true);
    set({ ...production, NEXTAUTH_URL: "http://127.0.0.1:3100" });
    expect(loopbackAllowed()).toBe(true);
    set({ ...production, NEXTAUTH_URL: "http://localhost:3000" });
    expect(loopbackAllowed()).toBe(true);
  });

  it("are refused in a production deployment with a public URL, unless WEBHOOK_ALLOW_LOOPBACK says otherwise", () => {
    set({ ...production, NEXTAUTH_URL: "https://fleetgate.example.com" });
    expect(loopbackAllowed()).toBe(false);
    set({ ...production, NEXTAUTH_URL: "https://fleetgate.example.com", WEBHOOK_ALLOW_LOOPBACK: "true" });
    expect(loopbackAllowed()).toBe(true);
    set({ NODE_ENV: "development", WEBHOOK_ALLOW_LOOPBACK: "false" });
    expect(loopbackAllowed()).toBe(false);
  });
});
