import type { RepoOption } from "@/components/runs/types";
import type { Scope } from "@/server/authz/scope";
import { readContext } from "@/server/core/read-context";
import { listRepositories } from "@/server/repositories/list-repositories";

/** The tenant's repositories for the runs screens' selects (the first 200, by name). */
export async function loadRepositoryOptions(scope: Scope): Promise<RepoOption[]> {
  const { repositories } = await listRepositories(readContext(scope), { limit: 200 });
  return repositories.map((r) => ({ id: r.id, fullName: r.fullName, riskTier: r.riskTier }));
}
