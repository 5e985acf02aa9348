"use client";

import { api, tenantPath } from "../api/api-client";
import { keys } from "../api/query-keys";
import { useTeams } from "../teams/use-teams";
import { CursorPager } from "../ui/cursor-pager";
import { EmptyState } from "../ui/empty-state";
import { FilterBar } from "../ui/filter-bar";
import { formatDate, plural } from "../ui/format";
import { LiveListBody } from "../ui/live-list-body";
import { Table, TBody, Td, Th, THead, Tr } from "../ui/table";
import { useLiveList } from "../ui/use-live-list";
import { DeleteRepositoryButton } from "./delete-repository-button";
import { EditRepositoryDialog } from "./edit-repository-dialog";
import { tierOptions } from "./options";
import { RiskTierBadge } from "./risk-tier-badge";
import { useVerifierProfiles } from "../verifier-profiles/use-verifier-profiles";
import { Badge } from "../ui/badge";
import { repoFilter, type RepoFilter, type RepoPage, type TeamView, type VerifierProfileView } from "./types";

type Props = {
  tenant: string; canManage: boolean; tiers: readonly string[]; initialTeams: TeamView[]; initialProfiles: VerifierProfileView[]; initial: { filter: RepoFilter; data: RepoPage };
};

export function RepositoriesTable({ tenant, canManage, tiers, initialTeams, initialProfiles, initial }: Props) {
  const teams = useTeams(tenant, initialTeams);
  const profiles = useVerifierProfiles(tenant, initialProfiles);
  const list = useLiveList({
    filter: repoFilter,
    context: tiers,
    queryKey: (f) => keys.repositories(tenant, f),
    fetchPage: (f, signal) => api<RepoPage>(tenantPath(tenant, "repositories", { ...f, limit: 50 }), { signal }),
    rows: (p) => p.repositories,
    cursor: { key: "cursor", next: (p) => p.nextCursor },
    initial,
  });
  const { filter } = list;
  const filtered = Boolean(filter.q || filter.riskTier || filter.teamId);

  return (
    <section aria-labelledby="repos-heading">
      <h2 id="repos-heading" className="sr-only">Repositories</h2>
      <FilterBar
        label="Filter repositories"
        search={{ id: "repo-q", label: "Search repositories", placeholder: "Search owner or name" }}
        selects={[
          { key: "riskTier", id: "repo-tier", label: "Risk tier", all: "All risk tiers", options: tierOptions(tiers), width: "w-40" },
          { key: "teamId", id: "repo-team", label: "Team", all: "All teams", options: teams.map((t) => ({ value: t.id, label: t.name })), width: "w-44" },
        ]}
        value={filter}
        onChange={list.setFilter}
      />
      <LiveListBody
        list={list}
        errorTitle="Repositories could not be loaded"
        loadingLabel="Loading repositories"
        empty={
          <EmptyState title={filtered ? "No repository matches these filters" : "No repositories registered yet"}>
            {filtered ? "Try another name, tier or team." : canManage ? "Register the first repository agents may work on." : "A tenant admin registers repositories."}
          </EmptyState>
        }
      >
        {(data) => (
          <Table
            caption="Repositories"
            footer={
              <CursorPager
                label="Repository pages"
                summary={`${plural(data.repositories.length, "repository", "repositories")}${data.nextCursor || filter.cursor ? " on this page" : ""}${list.isFetching ? " · refreshing…" : ""}`}
                {...list.paging}
              />
            }
          >
            <THead>
              <Th>Repository</Th>
              <Th>Risk tier</Th>
              <Th>Team</Th>
              <Th>Default branch</Th>
              <Th>Verifier profile</Th>
              <Th>Updated</Th>
              {canManage ? <Th className="text-right"><span className="sr-only">Actions</span></Th> : null}
            </THead>
            <TBody>
              {data.repositories.map((r) => (
                <Tr key={r.id}>
                  <Td>
                    <span className="font-medium text-slate-900">{r.fullName}</span>
                    <span className="ml-1.5 text-xs text-slate-600">{r.provider}</span>
                  </Td>
                  <Td><RiskTierBadge tier={r.riskTier} /></Td>
                  <Td className="text-slate-700">{r.team?.name ?? <span className="text-slate-500">No team</span>}</Td>
                  <Td className="font-mono text-xs text-slate-700">{r.defaultBranch}</Td>
                  <Td className="text-xs whitespace-nowrap">
                    <span className="font-mono text-slate-700">{r.verifierProfile}</span>
                    {profiles.some((p) => p.name === r.verifierProfile) ? null : <Badge tone="red" className="ml-1.5">not a profile here: runs refused</Badge>}
                  </Td>
                  <Td className="text-xs whitespace-nowrap text-slate-700">{formatDate(r.updatedAt)}</Td>
                  {canManage ? (
                    <Td className="text-right whitespace-nowrap">
                      <EditRepositoryDialog tenant={tenant} repo={r} tiers={tiers} teams={teams} profiles={profiles} />
                      <DeleteRepositoryButton tenant={tenant} repo={r} />
                    </Td>
                  ) : null}
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
      </LiveListBody>
    </section>
  );
}
