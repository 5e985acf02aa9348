// Which eligible targets make the canary wave (seed document §33: good canaries are not toy
// repositories). Four criteria: a low risk tier, verifiers to run (a profile other than "none"), no
// failed verification lately (a broken baseline), and an owning team with members (someone to
// review). Targets that miss fewer criteria come first, then the lower tier; among equals the pick
// spreads over teams and build systems (verifier profiles), so the canary is representative. The
// rest of the targets follow from the lower risk tier to the higher.
export type CanaryCandidate = {
  id: string;
  fullName: string;
  riskTier: string;
  verifierProfile: string;
  team: { slug: string; members: number } | null;
  /** Failed verifications of its runs in the lookback window. */
  recentVerifierFailures: number;
};

export const LOOKBACK_DAYS = 30;
const TIER_RANK: Record<string, number> = { low: 0, standard: 1, high: 2 };
const tierRank = (t: string) => TIER_RANK[t] ?? 3;

function judge(c: CanaryCandidate) {
  // What it has, and what it lacks, each as a phrase of the sentence the preview shows.
  const good: string[] = [];
  const bad: string[] = [];
  if (c.riskTier === "low") good.push("low risk tier");
  else bad.push(`its risk tier is ${c.riskTier}`);
  if (c.verifierProfile !== "none") good.push(`verifies with ${c.verifierProfile}`);
  else bad.push("it has no verifiers (profile none)");
  if (c.recentVerifierFailures === 0) good.push(`no failed verification in the last ${LOOKBACK_DAYS} days`);
  else bad.push(`${c.recentVerifierFailures} failed verification${c.recentVerifierFailures === 1 ? "" : "s"} in the last ${LOOKBACK_DAYS} days`);
  if (c.team && c.team.members > 0) good.push(`owned by ${c.team.slug} (${c.team.members} member${c.team.members === 1 ? "" : "s"})`);
  else bad.push(c.team ? `its team ${c.team.slug} has no members` : "it has no owning team");
  // A high tier misses the first criterion by more than a standard one does.
  const misses = bad.length + (c.riskTier === "high" ? 1 : 0);
  return { good, bad, misses };
}

const and = (xs: string[]) => (xs.length < 2 ? xs.join("") : `${xs.slice(0, -1).join(", ")} and ${xs.at(-1)}`);

export function canaryReason(c: CanaryCandidate): string {
  const { good, bad } = judge(c);
  if (!bad.length) return `Meets every canary criterion: ${good.join(", ")}.`;
  return `Best available${good.length ? ` (${good.join(", ")})` : ""}, although ${and(bad)}: too few targets meet every criterion.`;
}

/** The canary wave: k targets, best first, each with the sentence saying why. */
export function rankCanaries(cands: readonly CanaryCandidate[], k: number): { id: string; reason: string }[] {
  const scored = cands.map((c) => ({ c, misses: judge(c).misses, tier: tierRank(c.riskTier) }))
    .sort((a, b) => a.misses - b.misses || a.tier - b.tier || a.c.fullName.localeCompare(b.c.fullName));
  const teams = new Map<string, number>();
  const profiles = new Set<string>();
  const out: { id: string; reason: string }[] = [];
  const left = [...scored];
  while (out.length < k && left.length) {
    const best = left[0]!;
    let pick = 0;
    let pickKey = [Infinity, Infinity];
    // Among candidates as good as the best, the least represented team, then a new build system.
    for (let i = 0; i < left.length && left[i]!.misses === best.misses && left[i]!.tier === best.tier; i++) {
      const x = left[i]!;
      const key = [teams.get(x.c.team?.slug ?? "") ?? 0, profiles.has(x.c.verifierProfile) ? 1 : 0];
      if (key[0]! < pickKey[0]! || (key[0] === pickKey[0] && key[1]! < pickKey[1]!)) [pick, pickKey] = [i, key];
    }
    const [chosen] = left.splice(pick, 1);
    teams.set(chosen!.c.team?.slug ?? "", (teams.get(chosen!.c.team?.slug ?? "") ?? 0) + 1);
    profiles.add(chosen!.c.verifierProfile);
    out.push({ id: chosen!.c.id, reason: canaryReason(chosen!.c) });
  }
  return out;
}

/** The order of the targets after the canary wave: lower risk tiers first, then by team and name. */
export const rolloutOrder = <T extends { fullName: string; riskTier: string; team: { slug: string } | null }>(rest: readonly T[]): T[] =>
  [...rest].sort((a, b) => tierRank(a.riskTier) - tierRank(b.riskTier) || (a.team ? (b.team ? a.team.slug.localeCompare(b.team.slug) : -1) : b.team ? 1 : 0) || a.fullName.localeCompare(b.fullName));
