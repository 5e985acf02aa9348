// Which destinations a sandboxed command granted network may reach, by egress profile:
//   none                nothing (the command runs without network);
//   package_registries  only the package registries' hosts, through the egress proxy;
//   allowlist           the registries plus the hosts the policies list (governance.egress_allowlist);
//   open                any address but the host's loopback and link-local (slirp4netns).
// A host rule is `host`, `*.domain` (any name below domain, not domain itself) or an IPv4
// literal, optionally with `:port`; without a port it allows 443 and 80.
import { isIP } from "node:net";

export type HostRule = { host: string; wildcard: boolean; ports: number[] };

export type NetworkGrant =
  | { mode: "open" }
  | { mode: "proxy"; profile: "package_registries" | "allowlist"; hosts: HostRule[] };

export const DEFAULT_PORTS = [443, 80] as const;

/** Public registries of the package managers shell facts count as network (npm, pip, go, cargo, gem, maven). */
export const DEFAULT_PACKAGE_REGISTRIES = [
  "registry.npmjs.org", "registry.yarnpkg.com", "pypi.org", "files.pythonhosted.org", "proxy.golang.org", "sum.golang.org",
  "index.crates.io", "static.crates.io", "crates.io", "rubygems.org", "index.rubygems.org", "repo.maven.apache.org", "repo1.maven.org",
] as const;

const LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
const NAME = new RegExp(`^(\\*\\.)?(${LABEL}(?:\\.${LABEL})*)$`);

/** Parses one rule; the error says what is wrong with it. */
export function parseHostRule(text: string): { ok: true; rule: HostRule } | { ok: false; problem: string } {
  const raw = text.trim().toLowerCase();
  const m = /^(.*?)(?::(\d{1,5}))?$/.exec(raw)!;
  const [, host = "", portText] = m;
  const port = portText === undefined ? undefined : Number(portText);
  if (port !== undefined && (port < 1 || port > 65535)) return { ok: false, problem: `${text}: the port must be 1 to 65535` };
  const ports = port === undefined ? [...DEFAULT_PORTS] : [port];
  if (isIP(host) === 4) return { ok: true, rule: { host, wildcard: false, ports } };
  if (isIP(host.replace(/^\[|\]$/g, "")) === 6 || host.includes(":")) return { ok: false, problem: `${text}: IPv6 addresses are not supported; name the host` };
  const n = NAME.exec(host);
  if (!n || !host.includes(".") && !n[1] && host !== "localhost") {
    return { ok: false, problem: `${text}: must be a host name (registry.example.com), *.domain or an IPv4 address, optionally with :port` };
  }
  return { ok: true, rule: { host: n[2]!, wildcard: Boolean(n[1]), ports } };
}

/** Parses a list of rules, throwing one message that names every bad entry. */
export function parseHostRules(texts: readonly string[]): HostRule[] {
  const parsed = texts.map(parseHostRule);
  const problems = parsed.flatMap((p) => (p.ok ? [] : [p.problem]));
  if (problems.length) throw new Error(problems.join("; "));
  return parsed.map((p) => (p as { rule: HostRule }).rule);
}

const normal = (host: string) => host.replace(/\.$/, "").toLowerCase();

/** Whether host:port (as a client named it) is one of the rules' destinations. */
export function hostAllowed(rules: readonly HostRule[], host: string, port: number): boolean {
  const h = normal(host);
  return rules.some((r) => r.ports.includes(port) && (r.wildcard ? h.endsWith(`.${r.host}`) : h === r.host));
}

/** Whether every destination of `inner` is also one of `outer`'s (a lower policy level may only narrow). */
export function ruleCovered(outer: readonly HostRule[], inner: HostRule): boolean {
  return outer.some((o) => {
    if (!inner.ports.every((p) => o.ports.includes(p))) return false;
    if (!o.wildcard) return !inner.wildcard && inner.host === o.host;
    return inner.host.endsWith(`.${o.host}`);
  });
}

export const describeRule = (r: HostRule) => `${r.wildcard ? "*." : ""}${r.host}${r.ports.join() === DEFAULT_PORTS.join() ? "" : `:${r.ports.join(",")}`}`;

/** "10.20.0.0/16" as [address, prefix]; null when it is not an IPv4 network. */
export function parseCidr(text: string): [string, number] | null {
  const m = /^(\d{1,3}(?:\.\d{1,3}){3})\/(\d{1,2})$/.exec(text.trim());
  return m && isIP(m[1]!) === 4 && Number(m[2]) <= 32 ? [m[1]!, Number(m[2])] : null;
}
