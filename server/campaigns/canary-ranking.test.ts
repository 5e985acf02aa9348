import { describe, expect, it } from "vitest";
import { canaryReason, rankCanaries, rolloutOrder, type CanaryCandidate } from "./canary-ranking";

const repo = (name: string, o: Partial<CanaryCandidate> = {}): CanaryCandidate => ({
  id: name, fullName: `acme/${name}`, riskTier: "low", verifierProfile: "node", team: { slug: "web", members: 2 }, recentVerifierFailures: 0, ...o,
});

describe("canary ranking", () => {
  it("prefers low risk, verifiers, a clean verification record and an active team", () => {
    const fleet = [
      repo("a-standard", { riskTier: "standard" }),
      repo("b-no-verifiers", { verifierProfile: "none" }),
      repo("c-failing", { recentVerifierFailures: 3 }),
      repo("d-orphan", { team: null }),
      repo("e-empty-team", { team: { slug: "ghosts", members: 0 } }),
      repo("f-good"),
      repo("g-high", { riskTier: "high" }),
    ];
    const ranked = rankCanaries(fleet, 7).map((c) => c.id);
    expect(ranked[0]).toBe("f-good");
    expect(ranked.at(-1)).toBe("g-high");
    expect(rankCanaries(fleet, 1)).toEqual([{ id: "f-good", reason: "Meets every canary criterion: low risk tier, verifies with node, no failed verification in the last 30 days, owned by web (2 members)." }]);
  });

  it("says what a canary lacks when too few targets meet every criterion", () => {
    expect(canaryReason(repo("x", { verifierProfile: "none", team: null }))).toBe(
      "Best available (low risk tier, no failed verification in the last 30 days), although it has no verifiers (profile none) and it has no owning team: too few targets meet every criterion.",
    );
  });

  it("spreads equally good canaries over teams and build systems", () => {
    const fleet = [
      repo("a1", { team: { slug: "a", members: 1 } }), repo("a2", { team: { slug: "a", members: 1 } }), repo("a3", { team: { slug: "a", members: 1 } }),
      repo("b1", { team: { slug: "b", members: 1 } }), repo("c1", { team: { slug: "c", members: 1 }, verifierProfile: "python" }),
    ];
    expect(rankCanaries(fleet, 3).map((c) => c.id)).toEqual(["a1", "c1", "b1"]);
  });

  it("orders the rest from the lower risk tier to the higher, then by team and name", () => {
    const rest = [repo("z", { riskTier: "high" }), repo("b", { riskTier: "standard" }), repo("a", { riskTier: "standard", team: { slug: "x", members: 1 } }), repo("c")];
    expect(rolloutOrder(rest).map((r) => r.id)).toEqual(["c", "b", "a", "z"]);
  });
});
