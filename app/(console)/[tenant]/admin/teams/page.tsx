import type { Metadata } from "next";
import { CreateTeamDialog } from "@/components/teams/create-team-dialog";
import { TeamsTable } from "@/components/teams/teams-table";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/server/authz/authorize";
import { listTeams } from "@/server/teams/list-teams";
import { pageScope } from "../../../_lib/page-scope";
import { readContext } from "@/server/core/read-context";

export const metadata: Metadata = { title: "Teams" };

export default async function TeamsPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const { scope } = await pageScope(tenant, "team.read");
  const data = await listTeams(readContext(scope));
  const canManage = can(scope, "team.manage");
  return (
    <>
      <PageHeader
        title="Teams"
        description="Groups of people that own repositories. Approval rules can ask for a team member's approval."
        actions={canManage ? <CreateTeamDialog tenant={scope.tenant.slug} /> : null}
      />
      <TeamsTable tenant={scope.tenant.slug} canManage={canManage} canLinkGithub={can(scope, "github.manage")} initial={data} />
    </>
  );
}
