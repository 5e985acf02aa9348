import type { RepositoryView } from "@/server/repositories/repository-view";
import type { TeamView } from "@/server/teams/team-view";

export type { RepositoryView, TeamView };
export type RepoFilter = { q: string; riskTier: string; teamId: string; cursor: string };
export type RepoPage = { repositories: RepositoryView[]; nextCursor: string | null };

export function repoFilterFrom(params: URLSearchParams, tiers: readonly string[]): RepoFilter {
  const tier = params.get("riskTier") ?? "";
  const id = (v: string | null) => (v && /^[A-Za-z0-9_-]{1,64}$/.test(v) ? v : "");
  return {
    q: (params.get("q") ?? "").trim().slice(0, 200),
    riskTier: tiers.includes(tier) ? tier : "",
    teamId: id(params.get("teamId")),
    cursor: id(params.get("cursor")),
  };
}
