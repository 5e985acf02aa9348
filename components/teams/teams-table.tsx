"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import type { TeamView } from "@/server/teams/team-view";
import { api, tenantPath } from "../api/api-client";
import { errorMessage } from "../api/api-error";
import { keys } from "../api/query-keys";
import { Alert } from "../ui/alert";
import { EmptyState } from "../ui/empty-state";
import { formatDate, plural } from "../ui/format";
import { Table, TBody, Td, Th, THead, Tr } from "../ui/table";
import { DeleteTeamButton } from "./delete-team-button";
import { EditTeamDialog } from "./edit-team-dialog";
import { GithubTeamDialog } from "./github-team-dialog";
import { TeamMembers } from "./team-members";

export function TeamsTable({ tenant, canManage, canLinkGithub, initial }: { tenant: string; canManage: boolean; canLinkGithub: boolean; initial: { teams: TeamView[] } }) {
  const query = useQuery({
    queryKey: keys.teams(tenant),
    queryFn: ({ signal }) => api<{ teams: TeamView[] }>(tenantPath(tenant, "teams"), { signal }),
    initialData: initial,
  });
  if (query.isError) return <Alert tone="error" title="Teams could not be loaded">{errorMessage(query.error)}</Alert>;
  const teams = query.data.teams;
  if (teams.length === 0) {
    return (
      <div className="rounded-lg border border-slate-200 bg-white">
        <EmptyState title="No teams yet">{canManage ? "Create a team to give repositories an owner." : "A tenant admin creates teams."}</EmptyState>
      </div>
    );
  }
  return (
    <Table caption="Teams" footer={<p className="text-xs text-slate-600">{plural(teams.length, "team")}</p>}>
      <THead>
        <Th>Team</Th>
        <Th>Members</Th>
        <Th>Description</Th>
        <Th>GitHub team</Th>
        <Th className="text-right">Repositories</Th>
        <Th>Created</Th>
        {canManage || canLinkGithub ? <Th className="text-right"><span className="sr-only">Actions</span></Th> : null}
      </THead>
      <TBody>
        {teams.map((t) => (
          <Tr key={t.id}>
            <Td>
              <div className="font-medium text-slate-900">{t.name}</div>
              <div className="font-mono text-xs text-slate-600">{t.slug}</div>
            </Td>
            <Td className="max-w-md min-w-56"><TeamMembers tenant={tenant} team={t} canManage={canManage} /></Td>
            <Td className="max-w-xs text-slate-700">{t.description || <span className="text-slate-500">—</span>}</Td>
            <Td className="text-xs text-slate-700">{t.githubTeam ? <span className="font-mono">{t.githubTeam}</span> : <span className="text-slate-600">Not linked</span>}</Td>
            <Td className="text-right tabular-nums">
              <Link href={`/${tenant}/admin/repositories?teamId=${t.id}`} className="font-medium text-indigo-700 hover:underline">
                {t.repositoryCount}
                <span className="sr-only"> repositories owned by {t.name}</span>
              </Link>
            </Td>
            <Td className="text-xs whitespace-nowrap text-slate-700">{formatDate(t.createdAt)}</Td>
            {canManage || canLinkGithub ? (
              <Td className="text-right whitespace-nowrap">
                {canManage ? <EditTeamDialog tenant={tenant} team={t} /> : null}
                {canLinkGithub ? <GithubTeamDialog tenant={tenant} team={t} /> : null}
                {canManage ? <DeleteTeamButton tenant={tenant} team={t} /> : null}
              </Td>
            ) : null}
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
