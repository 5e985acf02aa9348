"use client";

import { ExternalLink } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { api, tenantPath } from "../api/api-client";
import { ChangeAge } from "../changes/change-age";
import { ChangesetStateBadge, ChecksBadge, ReviewBadge } from "../changes/change-badges";
import { CHANGESET_STATES, changesetStateLabel } from "../changes/labels";
import { RunStateBadge } from "../runs/run-badges";
import { CursorPager } from "../ui/cursor-pager";
import { EmptyState } from "../ui/empty-state";
import { plural } from "../ui/format";
import { inputClass } from "../ui/input-class";
import { LiveListBody } from "../ui/live-list-body";
import { Table, TBody, Td, Th, THead, Tr } from "../ui/table";
import { defineUrlFilter, matching, oneOf, token } from "../ui/url-filter";
import { useLiveList } from "../ui/use-live-list";
import { campaignKeys, LIVE_MS } from "./campaign-keys";
import { BulkActionBar, RetryFailedButton } from "./changeset-bulk-actions";
import { isLive, waveLabel } from "./labels";
import type { CampaignChangesetPage, CampaignDetail } from "./types";

// The table's filters and page in the URL (keys of their own: the targets table shares the page's URL).
const STATES = [...CHANGESET_STATES, "held"] as const;
export const changesetTableFilter = defineUrlFilter({
  csState: oneOf(STATES), csWave: matching(/^\d{1,2}$/), csTeam: matching(/^[a-z0-9][a-z0-9-]{0,62}$/), csHeld: oneOf(["true", "false"] as const),
  csSort: oneOf(["oldest"] as const), csAfter: token,
});
type Filter = typeof changesetTableFilter.defaults;
const PAGE_SIZE = 50;

const apiQuery = (f: Filter) => ({
  limit: PAGE_SIZE, state: f.csState, wave: f.csWave, team: f.csTeam, held: f.csHeld, sort: f.csSort || undefined, after: f.csAfter,
});
const filtered = (f: Filter) => !!(f.csState || f.csWave || f.csTeam || f.csHeld);

/** The campaign's changesets, paged on the server, with row selection and bulk actions for who may manage the campaign. */
export function CampaignChangesets({ tenant, campaign, canManage }: { tenant: string; campaign: CampaignDetail; canManage: boolean }) {
  const list = useLiveList({
    filter: changesetTableFilter,
    queryKey: (f) => campaignKeys.changesets(tenant, campaign.id, f),
    fetchPage: (f, signal) => api<CampaignChangesetPage>(tenantPath(tenant, `campaigns/${campaign.id}/changesets`, apiQuery(f)), { signal }),
    rows: (p) => p.changesets,
    cursor: { key: "csAfter", next: (p) => p.nextAfter },
    initial: { filter: changesetTableFilter.defaults, data: null },
    refetchInterval: isLive(campaign.state) ? LIVE_MS : undefined,
  });
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const f = list.filter;
  const set = (patch: Partial<Filter>) => {
    setSelected(new Set());
    list.setFilter({ ...f, ...patch });
  };
  const launched = campaign.state !== "draft" && campaign.state !== "awaiting_approval";
  const pageIds = list.rows.map((r) => r.id);
  const allOnPage = pageIds.length > 0 && pageIds.every((id) => selected.has(id));
  const toggle = (id: string) => setSelected((s) => {
    const next = new Set(s);
    if (!next.delete(id)) next.add(id);
    return next;
  });
  const teams = campaign.estimate.perTeam.flatMap((t) => (t.team ? [t.team] : []));

  return (
    <section aria-labelledby="changesets-heading" className="space-y-2">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <h2 id="changesets-heading" className="text-base font-semibold text-slate-900">Changesets</h2>
        <div className="flex flex-wrap items-end gap-2">
          <Select id="cs-state" label="State" value={f.csState} onChange={(v) => set({ csState: v as Filter["csState"] })} all="Any state" options={STATES.map((s) => [s, changesetStateLabel(s)])} />
          <Select id="cs-wave" label="Wave" value={f.csWave} onChange={(v) => set({ csWave: v })} all="Every wave" options={campaign.waves.map((w) => [String(w.index), waveLabel(w.index)])} />
          <Select id="cs-team" label="Team" value={f.csTeam} onChange={(v) => set({ csTeam: v })} all="Every team" options={teams.map((t) => [t, t])} />
          <Select id="cs-held" label="Held" value={f.csHeld} onChange={(v) => set({ csHeld: v as Filter["csHeld"] })} all="Held or not" options={[["true", "Held only"], ["false", "Not held"]]} />
          <Select id="cs-sort" label="Order" value={f.csSort} onChange={(v) => set({ csSort: v as Filter["csSort"] })} all="Newest first" options={[["oldest", "Oldest first"]]} />
          {canManage && (campaign.state === "running" || campaign.state === "paused") ? <RetryFailedButton tenant={tenant} campaign={campaign} /> : null}
        </div>
      </div>
      {canManage && selected.size ? <BulkActionBar tenant={tenant} campaign={campaign} ids={[...selected]} onClear={() => setSelected(new Set())} /> : null}
      <LiveListBody
        list={list}
        errorTitle="The changesets could not be loaded"
        loadingLabel="Loading the changesets"
        empty={
          <EmptyState title={filtered(f) ? "No changeset matches these filters" : f.csAfter ? "No more changesets" : launched ? "No changesets yet" : "Not launched yet"}>
            {filtered(f) ? "Clear a filter to see more." : launched ? "A target's changeset appears once its run publishes (or is held under a cap)." : "Each target gets its changeset once the campaign is launched and its wave runs."}
          </EmptyState>
        }
      >
        {(data) => (
          <Table
            caption="The campaign's changesets"
            footer={<CursorPager label="Changeset pages" summary={`${plural(data.total, "changeset")}${list.page ? ` · page ${list.page}` : ""}${selected.size ? ` · ${selected.size} selected` : ""}`} {...list.paging} />}
          >
            <THead>
              {canManage ? (
                <Th className="w-8">
                  <input
                    type="checkbox" aria-label="Select every changeset on this page" className="size-4 rounded border-slate-300 accent-indigo-600" checked={allOnPage}
                    onChange={() => setSelected((s) => (allOnPage ? new Set([...s].filter((id) => !pageIds.includes(id))) : new Set([...s, ...pageIds])))}
                  />
                </Th>
              ) : null}
              <Th>Repository</Th>
              <Th>Team</Th>
              <Th>Wave</Th>
              <Th>State</Th>
              <Th>Pull request</Th>
              <Th>Checks and review</Th>
              <Th>Age</Th>
            </THead>
            <TBody>
              {data.changesets.map((c) => (
                <Tr key={c.id}>
                  {canManage ? (
                    <Td>
                      <input type="checkbox" aria-label={`Select ${c.repository.fullName}`} className="size-4 rounded border-slate-300 accent-indigo-600" checked={selected.has(c.id)} onChange={() => toggle(c.id)} />
                    </Td>
                  ) : null}
                  <Td className="font-mono text-xs whitespace-nowrap">{c.repository.fullName}</Td>
                  <Td className="text-xs">{c.team?.slug ?? <span className="text-slate-600">none</span>}</Td>
                  <Td className="text-xs whitespace-nowrap">{c.wave === null ? "—" : waveLabel(c.wave)}</Td>
                  <Td className="max-w-xs">
                    <ChangesetStateBadge state={c.state} />
                    {c.heldReason ?? c.flagReason ? <p className="mt-1 line-clamp-2 text-xs text-slate-700" title={c.heldReason ?? c.flagReason ?? ""}>{c.heldReason ?? c.flagReason}</p> : null}
                    {c.run && c.run.state !== "succeeded" ? (
                      <div className="mt-1 flex items-center gap-1 text-xs">
                        <RunStateBadge state={c.run.state} />
                        <Link href={`/${tenant}/runs/${c.run.id}`} className="text-indigo-700 hover:underline">attempt {c.run.attempt}<span className="sr-only"> on {c.repository.fullName}</span></Link>
                      </div>
                    ) : null}
                  </Td>
                  <Td className="text-xs whitespace-nowrap">
                    {c.prUrl && c.prNumber !== null ? (
                      <a href={c.prUrl} target="_blank" rel="noopener noreferrer" className="inline-flex items-center gap-0.5 font-medium text-indigo-700 hover:underline">
                        #{c.prNumber}<ExternalLink aria-hidden="true" className="size-3" /><span className="sr-only"> on the code host for {c.repository.fullName} (opens in a new tab)</span>
                      </a>
                    ) : <span className="text-slate-600">no PR yet</span>}
                    {c.run ? <div><Link href={`/${tenant}/runs/${c.run.id}#pull-request`} className="text-indigo-700 hover:underline">Details<span className="sr-only"> of {c.repository.fullName}</span></Link></div> : null}
                  </Td>
                  <Td><div className="flex flex-col items-start gap-1"><ChecksBadge state={c.checksState} withWord /><ReviewBadge state={c.reviewState} /></div></Td>
                  <Td className="text-xs whitespace-nowrap tabular-nums"><ChangeAge from={c.ageFrom} until={c.ageUntil} /></Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
      </LiveListBody>
      {canManage && !selected.size && list.rows.length ? <p className="text-xs text-slate-600">Select changesets to retry, re-run on a new base, comment on or close them together.</p> : null}
    </section>
  );
}

function Select({ id, label, value, onChange, all, options }: { id: string; label: string; value: string; onChange: (v: string) => void; all: string; options: readonly (readonly [string, string])[] }) {
  return (
    <div>
      <label htmlFor={id} className="block text-xs font-medium text-slate-700">{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} className={inputClass(false, "h-8 w-36")}>
        <option value="">{all}</option>
        {options.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
      </select>
    </div>
  );
}
