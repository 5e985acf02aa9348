import type { RepositoryView } from "@/server/repositories/repository-view";
import type { TeamView } from "@/server/teams/team-view";
import type { VerifierProfileView } from "@/server/verifier-profiles/verifier-profile-view";
import { defineUrlFilter, text, token } from "../ui/url-filter";

export type { RepositoryView, TeamView, VerifierProfileView };
export type RepoPage = { repositories: RepositoryView[]; nextCursor: string | null };

/** The list's filter in the URL; the context is the risk tiers the server knows. */
export const repoFilter = defineUrlFilter(
  { q: text(200), riskTier: text(40), teamId: token, cursor: token },
  (f, tiers: readonly string[]) => ({ ...f, riskTier: tiers.includes(f.riskTier) ? f.riskTier : "" }),
);
export type RepoFilter = typeof repoFilter.defaults;
