// The repositories a spec's targets name, in a fixed number of queries whatever the fleet's size:
// the filters (teams, risk tiers, a name glob) narrow together, the explicit list adds, exclusions
// remove. A team or repository the tenant does not have is a problem naming its entry (another
// tenant's repository is one the tenant does not have). With each repository, what canary
// selection weighs: its team's member count and its recent failed verifications.
import type { Tx } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { globRegExp } from "../policy/glob";
import { LOOKBACK_DAYS, type CanaryCandidate } from "./canary-ranking";
import type { CampaignSpec } from "./campaign-spec";
import type { SpecProblem } from "./read-campaign-spec";

export type MatchedRepo = CanaryCandidate & { owner: string; name: string; team: { id: string; slug: string; name: string; members: number } | null };
export type Matched = { repos: MatchedRepo[]; excludedBySpec: string[]; problems: SpecProblem[] };

const fullName = (r: { owner: string; name: string }) => `${r.owner}/${r.name}`;

export async function matchTargets(tx: Tx, tenantId: string, targets: CampaignSpec["targets"]): Promise<Matched> {
  const problems: SpecProblem[] = [];
  const teamSlugs = [...new Set(targets.teams ?? [])];
  const teams = teamSlugs.length ? await tx.team.findMany({ where: { tenantId, slug: { in: teamSlugs } }, select: { id: true, slug: true } }) : [];
  (targets.teams ?? []).forEach((slug, i) => {
    if (!teams.some((t) => t.slug === slug)) problems.push({ path: `targets.teams.${i}`, message: `no team "${slug}" in this tenant` });
  });
  const filtered = !!(targets.teams || targets.riskTiers || targets.namePattern);
  const named = [...new Set([...(targets.repositories ?? []), ...(targets.exclude ?? [])])];
  const byFilters: Prisma.RepositoryWhereInput = {
    ...(targets.teams ? { teamId: { in: teams.map((t) => t.id) } } : {}),
    ...(targets.riskTiers ? { riskTier: { in: targets.riskTiers } } : {}),
  };
  const rows = await tx.repository.findMany({
    where: { tenantId, OR: [...(filtered ? [byFilters] : []), ...(named.length ? [{ name: { in: named.map((n) => n.slice(n.indexOf("/") + 1)) } }] : [])] },
    select: { id: true, owner: true, name: true, riskTier: true, verifierProfile: true, team: { select: { id: true, slug: true, name: true } } },
  });
  const byName = new Map(rows.map((r) => [fullName(r), r]));
  for (const [key, list] of [["repositories", targets.repositories], ["exclude", targets.exclude]] as const) {
    (list ?? []).forEach((n, i) => {
      if (!byName.has(n)) problems.push({ path: `targets.${key}.${i}`, message: `no repository ${n} in this tenant` });
    });
  }
  const pattern = targets.namePattern ? globRegExp(targets.namePattern) : null;
  const matchesFilters = (r: (typeof rows)[number]) =>
    filtered && (!targets.teams || teams.some((t) => t.id === r.team?.id)) && (!targets.riskTiers || (targets.riskTiers as string[]).includes(r.riskTier))
    && (!pattern || pattern.test(targets.namePattern!.includes("/") ? fullName(r) : r.name));
  const explicit = new Set(targets.repositories ?? []);
  const excluded = new Set(targets.exclude ?? []);
  const chosen = rows.filter((r) => matchesFilters(r) || explicit.has(fullName(r)));
  const kept = chosen.filter((r) => !excluded.has(fullName(r)));
  if (!problems.length && !kept.length) problems.push({ path: "targets", message: chosen.length ? "every matched repository is excluded: the target set is empty" : "no repository of this tenant matches: the target set is empty" });

  const teamIds = [...new Set(kept.flatMap((r) => (r.team ? [r.team.id] : [])))];
  const since = new Date(Date.now() - LOOKBACK_DAYS * 24 * 3600 * 1000);
  const [members, failures] = await Promise.all([
    teamIds.length ? tx.teamMember.groupBy({ by: ["teamId"], where: { tenantId, teamId: { in: teamIds } }, _count: { _all: true } }) : [],
    kept.length ? tx.run.groupBy({ by: ["repositoryId"], where: { tenantId, repositoryId: { in: kept.map((r) => r.id) }, failureClass: "verifier_failed", queuedAt: { gte: since } }, _count: { _all: true } }) : [],
  ]);
  const memberCount = new Map(members.map((m) => [m.teamId, m._count._all]));
  const failureCount = new Map(failures.map((f) => [f.repositoryId, f._count._all]));
  const repos = kept.map((r) => ({
    id: r.id, owner: r.owner, name: r.name, fullName: fullName(r), riskTier: r.riskTier, verifierProfile: r.verifierProfile,
    team: r.team ? { ...r.team, members: memberCount.get(r.team.id) ?? 0 } : null,
    recentVerifierFailures: failureCount.get(r.id) ?? 0,
  })).sort((a, b) => a.fullName.localeCompare(b.fullName));
  return { repos, excludedBySpec: chosen.filter((r) => excluded.has(fullName(r))).map(fullName).sort(), problems };
}
