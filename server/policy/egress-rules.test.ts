import { afterEach, describe, expect, it } from "vitest";
import { overrideEnv } from "../env";
import { networkGrant } from "../sandbox/egress-config";
import { describeRule, hostAllowed, parseCidr, parseHostRule, parseHostRules, ruleCovered } from "./egress-rules";

describe("host rules", () => {
  it("parses names, wildcards, IPv4 literals and ports; 443 and 80 when no port is named", () => {
    expect(parseHostRule("Registry.NPMjs.org")).toEqual({ ok: true, rule: { host: "registry.npmjs.org", wildcard: false, ports: [443, 80] } });
    expect(parseHostRule("*.example.com:8443")).toEqual({ ok: true, rule: { host: "example.com", wildcard: true, ports: [8443] } });
    expect(parseHostRule("10.1.2.3:3128")).toEqual({ ok: true, rule: { host: "10.1.2.3", wildcard: false, ports: [3128] } });
  });

  it("says what is wrong with a bad rule", () => {
    expect(parseHostRule("intranet")).toMatchObject({ ok: false, problem: expect.stringContaining("must be a host name") });
    expect(parseHostRule("https://example.com")).toMatchObject({ ok: false });
    expect(parseHostRule("example.com:0")).toEqual({ ok: false, problem: "example.com:0: the port must be 1 to 65535" });
    expect(parseHostRule("[::1]:443")).toMatchObject({ ok: false, problem: expect.stringContaining("IPv6") });
    expect(parseHostRule("*.*.example.com").ok).toBe(false);
    expect(() => parseHostRules(["ok.example.com", "bad_host", "x.com:99999"])).toThrow(/^bad_host: .*; x\.com:99999: the port/);
  });

  it("matches host and port as the client named them; a wildcard covers names below its domain, not the domain", () => {
    const rules = parseHostRules(["registry.npmjs.org", "*.pythonhosted.org", "mirror.acme.dev:8081"]);
    expect(hostAllowed(rules, "registry.npmjs.org", 443)).toBe(true);
    expect(hostAllowed(rules, "REGISTRY.npmjs.org.", 80)).toBe(true);
    expect(hostAllowed(rules, "registry.npmjs.org", 22)).toBe(false);
    expect(hostAllowed(rules, "evil-registry.npmjs.org", 443)).toBe(false);
    expect(hostAllowed(rules, "files.pythonhosted.org", 443)).toBe(true);
    expect(hostAllowed(rules, "pythonhosted.org", 443)).toBe(false);
    expect(hostAllowed(rules, "pythonhosted.org.evil.com", 443)).toBe(false);
    expect(hostAllowed(rules, "mirror.acme.dev", 8081)).toBe(true);
    expect(hostAllowed(rules, "mirror.acme.dev", 443)).toBe(false);
  });

  it("tells whether one rule is within another's destinations", () => {
    const [wild, exact] = parseHostRules(["*.example.com", "api.example.com"]);
    expect(ruleCovered([wild!], exact!)).toBe(true);
    expect(ruleCovered([exact!], wild!)).toBe(false);
    expect(ruleCovered([wild!], parseHostRule("*.eu.example.com").ok ? parseHostRules(["*.eu.example.com"])[0]! : exact!)).toBe(true);
    expect(ruleCovered(parseHostRules(["api.example.com:443"]), exact!)).toBe(false); // 80 is not covered
    expect(describeRule(wild!)).toBe("*.example.com");
    expect(describeRule(parseHostRules(["a.example.com:8443"])[0]!)).toBe("a.example.com:8443");
  });

  it("reads IPv4 networks", () => {
    expect(parseCidr("10.20.0.0/16")).toEqual(["10.20.0.0", 16]);
    expect(parseCidr("10.20.0.0/33")).toBeNull();
    expect(parseCidr("10.20.0/16")).toBeNull();
  });
});

describe("networkGrant", () => {
  afterEach(() => overrideEnv({ SANDBOX_PACKAGE_REGISTRIES: "" }));

  it("gives none, the registries through the proxy, the registries plus the agreed allowlist, or open network", () => {
    expect(networkGrant("none", [])).toBeNull();
    expect(networkGrant("open", [["x.example.com"]])).toEqual({ mode: "open" });
    const registries = networkGrant("package_registries", [["x.example.com"]]);
    expect(registries).toMatchObject({ mode: "proxy", profile: "package_registries" });
    if (registries?.mode !== "proxy") throw new Error("expected a proxy grant");
    expect(hostAllowed(registries.hosts, "registry.npmjs.org", 443)).toBe(true);
    expect(hostAllowed(registries.hosts, "x.example.com", 443)).toBe(false); // an allowlist counts only under the allowlist profile

    // Two levels' lists: what both allow (each list's rules the other covers).
    const allow = networkGrant("allowlist", [["*.example.com", "git.acme.dev"], ["api.example.com", "git.acme.dev", "other.org"]]);
    if (allow?.mode !== "proxy") throw new Error("expected a proxy grant");
    expect(hostAllowed(allow.hosts, "registry.npmjs.org", 443)).toBe(true);
    expect(hostAllowed(allow.hosts, "api.example.com", 443)).toBe(true);
    expect(hostAllowed(allow.hosts, "git.acme.dev", 443)).toBe(true);
    expect(hostAllowed(allow.hosts, "www.example.com", 443)).toBe(false);
    expect(hostAllowed(allow.hosts, "other.org", 443)).toBe(false);
  });

  it("takes the registries from SANDBOX_PACKAGE_REGISTRIES when set", () => {
    overrideEnv({ SANDBOX_PACKAGE_REGISTRIES: "npm.mirror.acme.dev, pypi.mirror.acme.dev:8443" });
    const g = networkGrant("package_registries", []);
    if (g?.mode !== "proxy") throw new Error("expected a proxy grant");
    expect(g.hosts.map(describeRule)).toEqual(["npm.mirror.acme.dev", "pypi.mirror.acme.dev:8443"]);
  });
});
