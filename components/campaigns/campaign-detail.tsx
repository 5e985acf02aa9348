"use client";

import { useQuery } from "@tanstack/react-query";
import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { api, tenantPath } from "../api/api-client";
import { errorMessage } from "../api/api-error";
import { taskClassLabel, autonomyLabel } from "../runs/labels";
import { Alert } from "../ui/alert";
import { Card, CardHeader } from "../ui/card";
import { Fact } from "../ui/fact";
import { formatDateTime } from "../ui/format";
import { UpdatedAgo } from "../ui/time-left";
import { CampaignActions } from "./campaign-actions";
import { CampaignBurndown } from "./campaign-burndown";
import { CampaignStateBadge } from "./campaign-badges";
import { CampaignWaves } from "./campaign-waves";
import { CampaignChangesets } from "./campaign-changesets";
import { campaignKeys, LIVE_MS } from "./campaign-keys";
import { isLive } from "./labels";
import { LoadEstimateCard } from "./load-estimate";
import { TargetsTable } from "./targets-table";
import type { CampaignDetail } from "./types";
import type { ReactNode } from "react";

/** One campaign: state and why, actions by permission, the waves, the targets with their runs, the load per team and the spec. Live while it may move. */
/** spend: the campaign's spend against its budgets (components/cost), when the person may see cost. */
export function CampaignDetailView({ tenant, initial, canManage, spend }: { tenant: string; initial: CampaignDetail; canManage: boolean; spend?: ReactNode }) {
  const q = useQuery({
    queryKey: campaignKeys.detail(tenant, initial.id),
    queryFn: ({ signal }) => api<CampaignDetail>(tenantPath(tenant, `campaigns/${initial.id}`), { signal }),
    initialData: initial,
    refetchInterval: (query) => (query.state.data && isLive(query.state.data.state) ? LIVE_MS : false),
  });
  const c = q.data;
  return (
    <>
      <Link href={`/${tenant}/campaigns`} className="mb-3 inline-flex items-center gap-1 text-sm font-medium text-indigo-700 hover:underline">
        <ArrowLeft aria-hidden="true" className="size-4" />
        Campaigns
      </Link>
      <div className="mb-4 flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h1 className="flex flex-wrap items-center gap-2 text-xl font-semibold tracking-tight text-slate-900">{c.name} <CampaignStateBadge state={c.state} /></h1>
          {c.description ? <p className="mt-1 text-sm text-slate-600">{c.description}</p> : null}
          {c.stateReason ? <p className="mt-1 text-sm text-slate-700">{c.stateReason}</p> : null}
        </div>
        {canManage ? <CampaignActions tenant={tenant} campaign={c} /> : null}
      </div>
      {q.isRefetchError ? <Alert tone="warning" className="mb-3">Could not refresh: {errorMessage(q.error)} Showing what was loaded before.</Alert> : null}
      {c.state === "awaiting_approval" && c.launchApprovalId ? (
        <Alert tone="warning" className="mb-3" title="Waiting for approval">
          The launch waits for <Link className="font-medium underline" href={`/${tenant}/approvals/${c.launchApprovalId}`}>its approval request</Link>; nothing starts until it is approved.
        </Alert>
      ) : null}
      <div className="space-y-5">
        <Card>
          <CardHeader title="Overview" actions={<UpdatedAgo at={q.dataUpdatedAt} fetching={q.isFetching} />} />
          <dl className="grid gap-x-6 gap-y-3 p-4 sm:grid-cols-3">
            <Fact label="Change">{taskClassLabel(c.taskClass)} · {autonomyLabel(c.autonomy)}</Fact>
            <Fact label="Targets">{c.eligibleCount} eligible of {c.targetCount}</Fact>
            <Fact label="Owner">{c.ownerLabel}</Fact>
            <Fact label="Created">{formatDateTime(c.createdAt)}</Fact>
            <Fact label="Launched">{c.launchedAt ? formatDateTime(c.launchedAt) : "not yet"}</Fact>
            <Fact label="Ended">{c.endedAt ? formatDateTime(c.endedAt) : "—"}</Fact>
          </dl>
        </Card>
        <section aria-labelledby="waves-heading" className="space-y-2">
          <h2 id="waves-heading" className="text-base font-semibold text-slate-900">Waves</h2>
          <CampaignWaves tenant={tenant} campaign={c} />
        </section>
        <CampaignBurndown tenant={tenant} campaign={c} canManage={canManage} />
        {spend}
        <CampaignChangesets tenant={tenant} campaign={c} canManage={canManage} />
        <TargetsTable tenant={tenant} campaign={c} />
        <LoadEstimateCard estimate={c.estimate} />
        <details className="rounded-lg border border-slate-200 bg-white">
          <summary className="cursor-pointer px-4 py-3 text-sm font-semibold text-slate-900">Spec (as written)</summary>
          <pre className="overflow-x-auto border-t border-slate-200 p-4 text-xs leading-5">{c.specYaml}</pre>
        </details>
      </div>
    </>
  );
}
