"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { api, tenantPath } from "../api/api-client";
import { taskClassLabel } from "../runs/labels";
import { CursorPager } from "../ui/cursor-pager";
import { EmptyState } from "../ui/empty-state";
import { formatDate, plural } from "../ui/format";
import { LiveListBody } from "../ui/live-list-body";
import { Table, TBody, Td, Th, THead, Tr } from "../ui/table";
import { UpdatedAgo } from "../ui/time-left";
import { useLiveList } from "../ui/use-live-list";
import { CampaignStateBadge } from "./campaign-badges";
import { CampaignFilters } from "./campaign-filters";
import { campaignKeys, LIVE_MS } from "./campaign-keys";
import { campaignApiQuery, campaignFilter, hasFilters, type CampaignListFilter } from "./list-filter";
import type { CampaignPage } from "./types";

/** Every campaign of the tenant, newest first: filters and pages live in the URL; states follow live. */
export function CampaignsList({ tenant, canCreate, initial }: { tenant: string; canCreate: boolean; initial: { filter: CampaignListFilter; data: CampaignPage | null } }) {
  const router = useRouter();
  const list = useLiveList({
    filter: campaignFilter,
    queryKey: (f) => campaignKeys.list(tenant, f),
    fetchPage: (f, signal) => api<CampaignPage>(tenantPath(tenant, "campaigns", campaignApiQuery(f)), { signal }),
    rows: (p) => p.campaigns,
    cursor: { key: "after", next: (p) => p.nextAfter },
    initial,
    refetchInterval: LIVE_MS,
  });
  const { filter } = list;
  const filtered = hasFilters(filter);
  return (
    <section aria-labelledby="campaigns-heading">
      <h2 id="campaigns-heading" className="sr-only">Campaigns</h2>
      <CampaignFilters filter={filter} onChange={list.setFilter} />
      <div className="mb-2 flex justify-end">{list.data ? <UpdatedAgo at={list.updatedAt} /> : null}</div>
      <LiveListBody
        list={list}
        errorTitle="Campaigns could not be loaded"
        loadingLabel="Loading campaigns"
        empty={
          <EmptyState
            title={filtered ? "No campaign matches these filters" : filter.after ? "No more campaigns" : "No campaigns yet"}
            action={!filtered && !filter.after && canCreate ? <Link href={`/${tenant}/campaigns/new`} className="text-sm font-medium text-indigo-700 hover:underline">Start a campaign</Link> : undefined}
          >
            {filtered ? "Clear a filter to see more." : filter.after ? "This page is past the last campaign."
              : "A campaign rolls one change out across many repositories in waves: a canary first, then the rest, each run admitted by the policy."}
          </EmptyState>
        }
      >
        {(data) => (
          <Table
            caption="Campaigns, newest first"
            footer={<CursorPager label="Campaign pages" summary={plural(data.campaigns.length, "campaign") + (list.page ? ` · page ${list.page}` : "")} {...list.paging} />}
          >
            <THead>
              <Th>Campaign</Th>
              <Th>State</Th>
              <Th>Targets</Th>
              <Th>Waves</Th>
              <Th>Owner</Th>
              <Th>Created</Th>
            </THead>
            <TBody>
              {data.campaigns.map((c) => {
                const href = `/${tenant}/campaigns/${c.id}`;
                return (
                  <Tr key={c.id} onClick={() => router.push(href)}>
                    <Td className="max-w-sm min-w-56">
                      <Link href={href} onClick={(e) => e.stopPropagation()} className="font-medium break-words text-indigo-700 hover:underline">{c.name}</Link>
                      <div className="mt-0.5 text-xs text-slate-600">{taskClassLabel(c.taskClass)}{c.description ? ` · ${c.description}` : ""}</div>
                    </Td>
                    <Td>
                      <CampaignStateBadge state={c.state} />
                      {c.stateReason && c.state !== "running" ? <p className="mt-1 line-clamp-2 max-w-56 text-xs text-slate-700" title={c.stateReason}>{c.stateReason}</p> : null}
                    </Td>
                    <Td className="text-sm whitespace-nowrap tabular-nums">
                      {c.eligibleCount} eligible
                      <div className="text-xs text-slate-600">of {plural(c.targetCount, "target")}</div>
                    </Td>
                    <Td className="text-sm tabular-nums">{c.waveCount}</Td>
                    <Td className="text-xs break-all text-slate-700">{c.ownerLabel}</Td>
                    <Td className="text-xs whitespace-nowrap text-slate-700">{formatDate(c.createdAt)}</Td>
                  </Tr>
                );
              })}
            </TBody>
          </Table>
        )}
      </LiveListBody>
    </section>
  );
}
