"use client";

import Link from "next/link";
import { api, tenantPath } from "../api/api-client";
import { RunStateBadge } from "../runs/run-badges";
import { CursorPager } from "../ui/cursor-pager";
import { EmptyState } from "../ui/empty-state";
import { plural } from "../ui/format";
import { LiveListBody } from "../ui/live-list-body";
import { Table, TBody, Td, Th, THead, Tr } from "../ui/table";
import { defineUrlFilter, matching, oneOf } from "../ui/url-filter";
import { useLiveList } from "../ui/use-live-list";
import { EligibilityBadge } from "./campaign-badges";
import { campaignKeys, LIVE_MS } from "./campaign-keys";
import { isLive, waveLabel } from "./labels";
import type { CampaignDetail, CampaignTargetPage } from "./types";

// Which targets the table shows and its page, in the URL so a link shows the same rows.
export const targetFilter = defineUrlFilter({ wave: matching(/^\d{1,2}$/), eligibility: oneOf(["eligible", "excluded"] as const), targetsPage: matching(/^\d{1,5}$/) });
type TargetFilter = typeof targetFilter.defaults;
const PAGE_SIZE = 50;

const apiQuery = (f: TargetFilter) => ({ limit: PAGE_SIZE, ...(f.wave ? { wave: f.wave } : {}), ...(f.eligibility ? { eligibility: f.eligibility } : {}), ...(f.targetsPage ? { page: f.targetsPage } : {}) });

/** The targets, paged on the server: repository, team, wave, eligibility (or the rule that excluded it), and its task's latest run. */
export function TargetsTable({ tenant, campaign }: { tenant: string; campaign: CampaignDetail }) {
  const list = useLiveList({
    filter: targetFilter,
    queryKey: (f) => campaignKeys.targets(tenant, campaign.id, f),
    fetchPage: (f, signal) => api<CampaignTargetPage>(tenantPath(tenant, `campaigns/${campaign.id}/targets`, apiQuery(f)), { signal }),
    rows: (p) => p.targets,
    cursor: { key: "targetsPage", next: (p) => p.nextPage },
    initial: { filter: targetFilter.defaults, data: null },
    refetchInterval: isLive(campaign.state) ? LIVE_MS : undefined,
  });
  const f = list.filter;
  const set = (patch: Partial<TargetFilter>) => list.setFilter({ ...f, ...patch });
  return (
    <section aria-labelledby="targets-heading" className="space-y-2">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <h2 id="targets-heading" className="text-base font-semibold text-slate-900">Targets</h2>
        <div className="flex gap-2">
          <label className="text-xs font-medium text-slate-700">
            Wave{" "}
            <select value={f.wave} onChange={(e) => set({ wave: e.target.value })} className="ml-1 h-8 rounded-md border border-slate-300 px-2 text-sm">
              <option value="">Every wave</option>
              {campaign.waves.map((w) => <option key={w.index} value={String(w.index)}>{waveLabel(w.index)}</option>)}
            </select>
          </label>
          <label className="text-xs font-medium text-slate-700">
            Eligibility{" "}
            <select value={f.eligibility} onChange={(e) => set({ eligibility: e.target.value as TargetFilter["eligibility"] })} className="ml-1 h-8 rounded-md border border-slate-300 px-2 text-sm">
              <option value="">All</option>
              <option value="eligible">Eligible</option>
              <option value="excluded">Excluded</option>
            </select>
          </label>
        </div>
      </div>
      <LiveListBody
        list={list}
        errorTitle="The targets could not be loaded"
        loadingLabel="Loading the targets"
        empty={<EmptyState title={f.wave || f.eligibility ? "No target matches these filters" : "No more targets"}>Choose another wave or eligibility.</EmptyState>}
      >
        {(data) => (
          <Table caption="The campaign's targets" footer={<CursorPager label="Target pages" summary={`${plural(data.total, "target")}${list.page ? ` · page ${list.page}` : ""}`} {...list.paging} />}>
            <THead>
              <Th>Repository</Th>
              <Th>Team</Th>
              <Th>Wave</Th>
              <Th>Eligibility</Th>
              <Th>Task and run</Th>
            </THead>
            <TBody>
              {data.targets.map((t) => (
                <Tr key={t.repositoryId}>
                  <Td className="font-mono text-xs whitespace-nowrap">{t.fullName}<div className="font-sans text-slate-600">{t.riskTier}</div></Td>
                  <Td className="text-xs">{t.team?.slug ?? <span className="text-slate-600">none</span>}</Td>
                  <Td className="max-w-xs min-w-32 text-xs">
                    <span className="whitespace-nowrap">{t.waveIndex === null ? "—" : waveLabel(t.waveIndex)}</span>
                    {t.canaryReason ? <p className="mt-1 text-slate-600">{t.canaryReason}</p> : null}
                  </Td>
                  <Td className="max-w-sm text-xs">
                    <EligibilityBadge eligible={t.eligible} />
                    {!t.eligible ? <p className="mt-1 text-slate-700"><span className="font-mono">{t.excludedRule}</span>{t.excludedReason ? `: ${t.excludedReason}` : ""}</p> : null}
                  </Td>
                  <Td className="max-w-sm text-xs">
                    {t.run ? (
                      <div className="flex flex-col items-start gap-1">
                        <RunStateBadge state={t.run.state} />
                        <Link href={`/${tenant}/runs/${t.run.id}`} className="font-medium whitespace-nowrap text-indigo-700 hover:underline">Open the run<span className="sr-only"> on {t.fullName}</span></Link>
                      </div>
                    ) : t.admissionError ? <p className="text-red-800">Not admitted: {t.admissionError}</p>
                      : t.taskId ? <span className="text-slate-600">task created; its wave has not started</span>
                        : <span className="text-slate-600">—</span>}
                  </Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
      </LiveListBody>
    </section>
  );
}
