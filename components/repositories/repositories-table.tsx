"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { api, tenantPath } from "../api/api-client";
import { errorMessage } from "../api/api-error";
import { keys } from "../api/query-keys";
import { useTeams } from "../teams/use-teams";
import { Alert } from "../ui/alert";
import { CursorPager } from "../ui/cursor-pager";
import { EmptyState } from "../ui/empty-state";
import { FilterBar } from "../ui/filter-bar";
import { formatDate, plural } from "../ui/format";
import { TableSkeleton } from "../ui/skeleton";
import { Table, TBody, Td, Th, THead, Tr } from "../ui/table";
import { useUrlQuery } from "../ui/use-url-query";
import { DeleteRepositoryButton } from "./delete-repository-button";
import { EditRepositoryDialog } from "./edit-repository-dialog";
import { tierOptions } from "./options";
import { RiskTierBadge } from "./risk-tier-badge";
import { repoFilterFrom, type RepoFilter, type RepoPage, type TeamView } from "./types";

const same = (a: RepoFilter, b: RepoFilter) => a.q === b.q && a.riskTier === b.riskTier && a.teamId === b.teamId && a.cursor === b.cursor;

type Props = { tenant: string; canManage: boolean; tiers: readonly string[]; initialTeams: TeamView[]; initial: { filter: RepoFilter; data: RepoPage } };

export function RepositoriesTable({ tenant, canManage, tiers, initialTeams, initial }: Props) {
  const teams = useTeams(tenant, initialTeams);
  const [params, setParams] = useUrlQuery();
  const filter = repoFilterFrom(params, tiers);
  const [trail, setTrail] = useState<string[]>([]);
  const query = useQuery({
    queryKey: keys.repositories(tenant, filter),
    queryFn: ({ signal }) => api<RepoPage>(tenantPath(tenant, "repositories", { ...filter, limit: 50 }), { signal }),
    initialData: same(filter, initial.filter) ? initial.data : undefined,
    placeholderData: keepPreviousData,
  });
  const go = (f: RepoFilter) => setParams({ q: f.q, riskTier: f.riskTier, teamId: f.teamId, cursor: f.cursor });
  const filtered = Boolean(filter.q || filter.riskTier || filter.teamId);
  const data = query.data;

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
        // A new filter starts again at the first page.
        onChange={(f) => { setTrail([]); go({ ...f, cursor: "" }); }}
      />
      {query.isError ? (
        <Alert tone="error" title="Repositories could not be loaded">{errorMessage(query.error)}</Alert>
      ) : !data ? (
        <TableSkeleton label="Loading repositories" />
      ) : data.repositories.length === 0 ? (
        <div className="rounded-lg border border-slate-200 bg-white">
          <EmptyState title={filtered ? "No repository matches these filters" : "No repositories registered yet"}>
            {filtered ? "Try another name, tier or team." : canManage ? "Register the first repository agents may work on." : "A tenant admin registers repositories."}
          </EmptyState>
        </div>
      ) : (
        <Table
          caption="Repositories"
          footer={
            <CursorPager
              label="Repository pages"
              summary={`${plural(data.repositories.length, "repository", "repositories")}${data.nextCursor || filter.cursor ? " on this page" : ""}${query.isFetching ? " · refreshing…" : ""}`}
              onFirst={filter.cursor ? () => { setTrail([]); go({ ...filter, cursor: "" }); } : undefined}
              onPrev={trail.length ? () => { go({ ...filter, cursor: trail[trail.length - 1]! }); setTrail(trail.slice(0, -1)); } : undefined}
              onNext={data.nextCursor ? () => { setTrail([...trail, filter.cursor]); go({ ...filter, cursor: data.nextCursor! }); } : undefined}
            />
          }
        >
          <THead>
            <Th>Repository</Th>
            <Th>Risk tier</Th>
            <Th>Team</Th>
            <Th>Default branch</Th>
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
                <Td className="text-xs whitespace-nowrap text-slate-700">{formatDate(r.updatedAt)}</Td>
                {canManage ? (
                  <Td className="text-right whitespace-nowrap">
                    <EditRepositoryDialog tenant={tenant} repo={r} tiers={tiers} teams={teams} />
                    <DeleteRepositoryButton tenant={tenant} repo={r} />
                  </Td>
                ) : null}
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
    </section>
  );
}
