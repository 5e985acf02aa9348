"use client";

import Link from "next/link";
import { useState } from "react";
import { api, tenantPath } from "../api/api-client";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { EmptyState } from "../ui/empty-state";
import { formatDateTime } from "../ui/format";
import { LiveListBody } from "../ui/live-list-body";
import { TabLinks, type TabLink } from "../ui/tab-links";
import { Table, TBody, Td, Th, THead, Tr } from "../ui/table";
import { UpdatedAgo } from "../ui/time-left";
import { useLiveList } from "../ui/use-live-list";
import { CAPABILITY_LABELS, EFFECT_LABELS, LEVEL_LABELS, switchFilter } from "./labels";
import { ReleaseSwitchDialog } from "./release-switch-dialog";
import { switchKeys } from "./set-switch-dialog";
import type { KillSwitchList, KillSwitchView, ReleaseResult, SwitchFilter } from "./types";

const VIEWS: { id: SwitchFilter; label: string }[] = [{ id: "set", label: "Set" }, { id: "released", label: "Released" }, { id: "all", label: "History" }];

/** "Repository acme/web", "Capability Shell network", "Tenant-wide". */
export function switchLabel(s: KillSwitchView): string {
  if (s.level === "capability") return `Capability ${CAPABILITY_LABELS[s.target ?? ""]?.label ?? s.target}`;
  if (s.level === "repository" || s.level === "campaign") return `${LEVEL_LABELS[s.level]} ${s.targetLabel ?? s.target}`;
  return LEVEL_LABELS[s.level];
}

/** The switches that apply to the tenant (its own and global ones): set ones first, with Release for those who may. */
export function KillSwitchPanel({ tenant, canSet, canGlobal, initial }: {
  tenant: string; canSet: boolean; canGlobal: boolean; initial: { filter: typeof switchFilter.defaults; data: KillSwitchList };
}) {
  const list = useLiveList({
    filter: switchFilter,
    queryKey: (f) => switchKeys.list(tenant, f.state),
    fetchPage: (f, signal) => api<KillSwitchList>(tenantPath(tenant, "kill-switches", { state: f.state }), { signal }),
    rows: (p) => p.switches,
    initial,
    refetchInterval: 10_000,
    freshOn: ["state"],
  });
  const filter = list.filter.state;
  const tabs: TabLink<SwitchFilter>[] = VIEWS.map((v) => ({ ...v, href: list.hrefFor({ state: v.id }) }));
  const [released, setReleased] = useState<{ r: ReleaseResult; label: string } | null>(null);
  return (
    <section aria-labelledby="switches-heading">
      <TabLinks label="Kill switch views" tabs={tabs} current={filter} onSelect={(state) => list.setFilter({ state })} />
      {released ? (
        released.r.state === "release_pending" ? (
          <Alert tone="warning" title={`The release of the ${released.label} kill switch waits for approval`} className="mb-3">
            The switch stays set until someone else approves the release.{" "}
            <Link href={`/${tenant}/approvals/${released.r.approvalId}`} className="font-medium underline">Open the approval request</Link>
          </Alert>
        ) : (
          <Alert tone="success" title={`The ${released.label} kill switch is released`} className="mb-3">The work it stopped may start again.</Alert>
        )
      ) : null}
      <div className="mb-2 flex items-center justify-between">
        <h2 id="switches-heading" className="text-sm font-semibold text-slate-900">{filter === "set" ? "Switches in force" : filter === "released" ? "Released switches" : "Every switch"}</h2>
        {list.data ? <UpdatedAgo at={list.updatedAt} /> : null}
      </div>
      <LiveListBody
        list={list}
        errorTitle="Kill switches could not be loaded"
        loadingLabel="Loading kill switches"
        skeletonRows={4}
        empty={
          <EmptyState title={filter === "set" ? "No kill switch is set" : "No kill switch here yet"}>
            {filter === "set" ? "Agents work as the policy allows. A switch stops new runs, running runs or pull requests at once, for a repository, a campaign, a capability or the whole tenant." : "Switches appear here once they are set and released."}
          </EmptyState>
        }
      >
        {(data) => (
          <Table caption={filter === "set" ? "Kill switches in force, newest first" : "Kill switches, newest first"}>
            <THead>
              <Th>Switch</Th>
              <Th>Stops</Th>
              <Th>Reason</Th>
              <Th>Set by</Th>
              <Th>Status</Th>
              {canSet ? <Th className="text-right"><span className="sr-only">Actions</span></Th> : null}
            </THead>
            <TBody>
              {data.switches.map((s) => {
                const label = switchLabel(s);
                const mayRelease = canSet && !s.releasedAt && !s.releaseApprovalId && (!s.global || canGlobal);
                return (
                  <Tr key={s.id}>
                    <Td>
                      <div className="flex flex-wrap items-center gap-1.5">
                        <Badge tone={s.level === "global" || s.level === "tenant" ? "red" : "amber"}>{LEVEL_LABELS[s.level]}</Badge>
                        {s.level === "repository" || s.level === "campaign" || s.level === "capability" ? (
                          <span className="font-mono text-xs text-slate-900">{s.level === "capability" ? CAPABILITY_LABELS[s.target ?? ""]?.label ?? s.target : s.targetLabel ?? s.target}</span>
                        ) : null}
                        {s.global ? <span className="text-xs text-slate-600">(every tenant)</span> : null}
                      </div>
                    </Td>
                    <Td>
                      <div className="flex flex-wrap gap-1">
                        {s.level === "capability" ? <Badge>{CAPABILITY_LABELS[s.target ?? ""]?.description ?? "the capability"}</Badge> : s.effects.map((e) => <Badge key={e}>{EFFECT_LABELS[e]?.label ?? e}</Badge>)}
                      </div>
                    </Td>
                    <Td className="max-w-sm text-sm break-words">{s.reason}</Td>
                    <Td className="text-xs">
                      <div className="text-slate-900">{s.setByLabel}</div>
                      <div className="whitespace-nowrap text-slate-600">{formatDateTime(s.setAt)}</div>
                    </Td>
                    <Td className="text-xs">
                      {s.releasedAt ? (
                        <>
                          <Badge tone="green">released</Badge>
                          <div className="mt-1 text-slate-700">by {s.releasedByLabel} on {formatDateTime(s.releasedAt)}</div>
                          {s.releaseReason ? <div className="text-slate-600">{s.releaseReason}</div> : null}
                        </>
                      ) : s.releaseApprovalId ? (
                        <>
                          <Badge tone="amber">set · release pending</Badge>
                          <div className="mt-1"><Link href={`/${tenant}/approvals/${s.releaseApprovalId}`} className="font-medium text-indigo-700 hover:underline">Approval request</Link></div>
                        </>
                      ) : <Badge tone="red">set</Badge>}
                    </Td>
                    {canSet ? <Td className="text-right">{mayRelease ? <ReleaseSwitchDialog tenant={tenant} s={s} label={label} onDone={(r, l) => setReleased({ r, label: l })} /> : null}</Td> : null}
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
