// The deployment's egress settings and the network a command gets under a profile.
import { BlockList } from "node:net";
import { env } from "../env";
import { DEFAULT_PACKAGE_REGISTRIES, parseCidr, parseHostRules, ruleCovered, type HostRule, type NetworkGrant } from "../policy/egress-rules";
import type { EGRESS_PROFILES } from "../policy/document-schema";

const list = (v: string | undefined) => (v ?? "").split(",").map((t) => t.trim()).filter(Boolean);

export function packageRegistries(): HostRule[] {
  const configured = list(env().SANDBOX_PACKAGE_REGISTRIES);
  return parseHostRules(configured.length ? configured : DEFAULT_PACKAGE_REGISTRIES);
}

/** Networks the egress proxy may connect to although they are private or loopback; null: none. */
export function trustedEgressAddresses(): BlockList | null {
  const cidrs = list(env().SANDBOX_EGRESS_TRUSTED_CIDRS).map((c) => parseCidr(c)!);
  if (!cidrs.length) return null;
  const b = new BlockList();
  for (const [address, prefix] of cidrs) b.addSubnet(address, prefix, "ipv4");
  return b;
}

/**
 * The network of a command granted it under a profile; null for "none". allowlist: the registries
 * plus what every level's egress_allowlist agrees on (a rule of one list counts when every other
 * list covers it).
 */
export function networkGrant(profile: (typeof EGRESS_PROFILES)[number], allowlists: string[][]): NetworkGrant | null {
  if (profile === "none") return null;
  if (profile === "open") return { mode: "open" };
  if (profile === "package_registries") return { mode: "proxy", profile, hosts: packageRegistries() };
  const lists = allowlists.map(parseHostRules);
  const agreed = lists.flatMap((l, i) => l.filter((r) => lists.every((other, j) => j === i || ruleCovered(other, r))));
  return { mode: "proxy", profile, hosts: [...packageRegistries(), ...agreed] };
}
