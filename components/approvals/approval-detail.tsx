"use client";

import { useQuery } from "@tanstack/react-query";
import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { api, tenantPath } from "../api/api-client";
import { errorMessage } from "../api/api-error";
import { Alert } from "../ui/alert";
import { Card, CardHeader } from "../ui/card";
import { formatDateTime } from "../ui/format";
import { approvalKeys, LIVE_MS } from "./approval-keys";
import { KindBadge, RiskBadge, StateBadge } from "./badges";
import { DecisionPanel } from "./decision-panel";
import { OutcomePanel } from "./outcome-panel";
import { PeoplePanel } from "./people-panel";
import { ProposalView } from "./proposal-view";
import { SimilarRequests } from "./similar-requests";
import { TimeLeft, UpdatedAgo } from "../ui/time-left";
import type { ApprovalDetail } from "./types";
import { VotesList } from "./votes-list";
import { WhyPanel } from "./why-panel";

/**
 * One request as an approver needs it: what would happen, why approval is needed, who asked, who
 * else may decide, the votes so far, how similar requests ended; Approve / Deny while it is pending,
 * the outcome and how it was applied once decided. It follows others' votes by polling.
 */
export function ApprovalDetailView({ tenant, initial }: { tenant: string; initial: ApprovalDetail }) {
  const q = useQuery({
    queryKey: approvalKeys.detail(tenant, initial.id),
    queryFn: ({ signal }) => api<ApprovalDetail>(tenantPath(tenant, `approvals/${initial.id}`), { signal }),
    initialData: initial,
    // Decided but not yet applied: the worker is about to act, so look more often.
    refetchInterval: (query) => {
      const d = query.state.data;
      return d && d.state !== "pending" && !d.appliedAt ? 1_000 : d?.appliedAt ? LIVE_MS * 4 : LIVE_MS;
    },
  });
  const d = q.data;
  return (
    <>
      <Link href={`/${tenant}/approvals`} className="mb-3 inline-flex items-center gap-1 text-sm font-medium text-indigo-700 hover:underline">
        <ArrowLeft aria-hidden="true" className="size-4" />
        Approvals
      </Link>
      <div className="mb-4">
        <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-1">
          <h1 className="text-xl font-semibold tracking-tight break-words text-slate-900">{d.title}</h1>
          <UpdatedAgo at={q.dataUpdatedAt} />
        </div>
        <div className="mt-1.5 flex flex-wrap items-center gap-2 text-sm text-slate-700">
          <StateBadge state={d.state} />
          <KindBadge kind={d.kind} />
          <RiskBadge risk={d.risk} />
          <span>asked by <span className="font-medium text-slate-900">{d.requesterLabel}</span> on {formatDateTime(d.createdAt)}</span>
          {d.state === "pending" ? <TimeLeft expiresAt={d.expiresAt} className="text-sm" /> : null}
        </div>
      </div>
      {q.isError ? <Alert tone="warning" className="mb-4">Could not refresh: {errorMessage(q.error)} Showing what was loaded before.</Alert> : null}

      <div className="space-y-4">
        {d.state === "pending" ? <DecisionPanel key={d.id} tenant={tenant} detail={d} /> : <OutcomePanel detail={d} />}
        <div className="grid gap-4 lg:grid-cols-3">
          <div className="min-w-0 space-y-4 lg:col-span-2">
            <Card>
              <CardHeader title="What would happen" description={d.state === "pending" ? "If the request is approved, this is carried out." : "What was asked for."} />
              <div className="px-4 py-3"><ProposalView tenant={tenant} detail={d} /></div>
            </Card>
            <Card>
              <CardHeader title="Votes" description={`${d.approvals} approve, ${d.denials} deny`} />
              <div className="px-4 py-3"><VotesList votes={d.votes} /></div>
            </Card>
            <Card>
              <CardHeader title="Similar requests" description="The last requests of this kind for the same subject, and how they ended." />
              <div className="px-4 py-1"><SimilarRequests tenant={tenant} detail={d} /></div>
            </Card>
          </div>
          <div className="min-w-0 space-y-4">
            <Card>
              <CardHeader title="Why approval is needed" />
              <div className="px-4 py-3"><WhyPanel detail={d} /></div>
            </Card>
            <Card>
              <CardHeader title="People" />
              <div className="px-4 py-3"><PeoplePanel detail={d} /></div>
            </Card>
          </div>
        </div>
      </div>
    </>
  );
}
