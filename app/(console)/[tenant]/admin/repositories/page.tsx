import type { Metadata } from "next";
import { RegisterRepositoryDialog } from "@/components/repositories/register-repository-dialog";
import { RepositoriesTable } from "@/components/repositories/repositories-table";
import { repoFilter } from "@/components/repositories/types";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/server/authz/authorize";
import { listRepositories } from "@/server/repositories/list-repositories";
import { RISK_TIERS } from "@/server/repositories/repository-view";
import { listTeams } from "@/server/teams/list-teams";
import { listVerifierProfiles } from "@/server/verifier-profiles/list-verifier-profiles";
import { pageScope } from "../../../_lib/page-scope";
import { readContext } from "@/server/core/read-context";
import { toSearchParams, type SearchParams } from "../../../_lib/search-params";

export const metadata: Metadata = { title: "Repositories" };

export default async function RepositoriesPage({ params, searchParams }: { params: Promise<{ tenant: string }>; searchParams: Promise<SearchParams> }) {
  const { tenant } = await params;
  const { scope } = await pageScope(tenant, "repository.read");
  const filter = repoFilter.parse(toSearchParams(await searchParams), RISK_TIERS);
  const ctx = readContext(scope);
  const [data, teams, profiles] = await Promise.all([
    listRepositories(ctx, {
      q: filter.q || undefined,
      riskTier: (filter.riskTier || undefined) as (typeof RISK_TIERS)[number] | undefined,
      teamId: filter.teamId || undefined,
      cursor: filter.cursor || undefined,
      limit: 50,
    }),
    listTeams(ctx),
    listVerifierProfiles(ctx),
  ]);
  const canManage = can(scope, "repository.manage");
  return (
    <>
      <PageHeader
        title="Repositories"
        description="The repositories agents may change, with the risk tier that sets how much review each change needs."
        actions={canManage ? <RegisterRepositoryDialog tenant={scope.tenant.slug} tiers={RISK_TIERS} initialTeams={teams.teams} initialProfiles={profiles.profiles} /> : null}
      />
      <RepositoriesTable tenant={scope.tenant.slug} canManage={canManage} tiers={RISK_TIERS} initialTeams={teams.teams} initialProfiles={profiles.profiles} initial={{ filter, data }} />
    </>
  );
}
