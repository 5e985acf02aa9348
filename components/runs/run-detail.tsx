"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { useEffect, type ReactNode } from "react";
import { api, tenantPath } from "../api/api-client";
import { errorMessage } from "../api/api-error";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { Card, CardHeader } from "../ui/card";
import { formatDateTime } from "../ui/format";
import { Skeleton } from "../ui/skeleton";
import { TabLinks } from "../ui/tab-links";
import { UpdatedAgo } from "../ui/time-left";
import { useUrlQuery } from "../ui/use-url-query";
import { autonomyLabel, failureLabel, isOpen, stateLabel, taskClassLabel } from "./labels";
import { FollowUpNote } from "./follow-up-note";
import { RunActions } from "./run-actions";
import { FailureBadge, RunStateBadge } from "./run-badges";
import { RunDuration } from "./run-duration";
import { LIVE_MS, runKeys } from "./run-keys";
import { RunLog } from "./run-log";
import { RunPatchView } from "./run-patch";
import { BoundaryReport, VerifierReport } from "./run-reports";
import { RunTimeline } from "./run-timeline";
import type { RunDetail, RunEventPage } from "./types";
import { useRunEvents } from "./use-run-events";
import { Fact } from "../ui/fact";

const TABS = [
  { id: "timeline", label: "Timeline" },
  { id: "log", label: "Log" },
  { id: "diff", label: "Diff" },
  { id: "checks", label: "Boundary & verifiers" },
  { id: "task", label: "Task" },
] as const;
type Tab = (typeof TABS)[number]["id"];

const total = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);

/**
 * One run: its header facts, actions by permission, and tabs for the live timeline, the live
 * redacted log, the diff, the boundary and verifier reports and the task itself. The header
 * follows the run by polling while it goes on; the timeline follows it from the last event.
 */
export function RunDetailView({ tenant, initial, initialEvents, pullRequest, cost }: {
  tenant: string; initial: RunDetail; initialEvents: RunEventPage | null;
  /** The run's pull request section (components/changes), when the person may see it. */
  pullRequest?: ReactNode;
  /** The run's cost and budgets (components/cost), when the person may see cost. */
  cost?: ReactNode;
}) {
  const qc = useQueryClient();
  const [params, setParams, hrefOf] = useUrlQuery();
  const raw = params.get("tab");
  const tab: Tab = TABS.some((t) => t.id === raw) ? (raw as Tab) : "timeline";
  const q = useQuery({
    queryKey: runKeys.detail(tenant, initial.run.id),
    queryFn: ({ signal }) => api<RunDetail>(tenantPath(tenant, `runs/${initial.run.id}`), { signal }),
    initialData: initial,
    refetchInterval: (query) => (query.state.data && isOpen(query.state.data.run.state) ? LIVE_MS : false),
  });
  const d = q.data;
  const events = useRunEvents(tenant, initial.run.id, initialEvents);
  const lastSeq = events.events.at(-1)?.seq ?? 0;
  // A new event may change the header (state, counts, reports): refresh it at once, not at the next poll.
  useEffect(() => {
    if (lastSeq > d.lastEventSeq) void qc.invalidateQueries({ queryKey: runKeys.detail(tenant, initial.run.id) });
  }, [lastSeq, d.lastEventSeq, qc, tenant, initial.run.id]);
  const run = d.run;
  const hasPatch = d.artifacts.some((a) => a.kind === "patch");
  const open = isOpen(run.state);

  return (
    <>
      <Link href={`/${tenant}/runs`} className="mb-3 inline-flex items-center gap-1 text-sm font-medium text-indigo-700 hover:underline">
        <ArrowLeft aria-hidden="true" className="size-4" />
        Runs
      </Link>
      <div className="mb-4 flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h1 className="text-xl font-semibold tracking-tight break-words text-slate-900">
            {taskClassLabel(run.taskClass)} on <span className="font-mono">{run.repository.fullName}</span>
          </h1>
          <div className="mt-1.5 flex flex-wrap items-center gap-2 text-sm text-slate-700" data-testid="run-state" data-state={run.state}>
            <RunStateBadge state={run.state} cancelRequested={run.cancelRequested} />
            <FailureBadge failureClass={run.failureClass} />
            <span className="font-mono text-xs">{run.id}</span>
            {run.attempt > 1 ? <Badge>attempt {run.attempt}</Badge> : null}
            <span>requested by <span className="font-medium text-slate-900">{run.requesterLabel}</span></span>
            <UpdatedAgo at={q.dataUpdatedAt} />
          </div>
        </div>
        <RunActions tenant={tenant} detail={d} />
      </div>
      {q.isError ? <Alert tone="warning" className="mb-4">Could not refresh: {errorMessage(q.error)} Showing what was loaded before.</Alert> : null}
      {run.state === "failed" && run.failureMessage ? (
        <Alert tone="error" title={`Failed: ${run.failureClass ? failureLabel(run.failureClass) : "error"}`} className="mb-4">{run.failureMessage}</Alert>
      ) : run.state === "cancelled" && run.failureMessage ? (
        <Alert tone="info" title="Cancelled" className="mb-4">{run.failureMessage}</Alert>
      ) : null}
      {d.approval && d.approval.state === "pending" ? (
        <Alert tone="warning" title="Waiting for approval" className="mb-4">
          {d.approval.title}.{" "}
          <Link href={`/${tenant}/approvals/${d.approval.id}`} className="font-medium underline">Open the approval request</Link>
        </Alert>
      ) : null}
      {run.state === "succeeded" && d.summary ? <Alert tone="success" title="Succeeded" className="mb-4"><span className="whitespace-pre-line">{d.summary}</span></Alert> : null}
      {d.followUp ? <FollowUpNote tenant={tenant} followUp={d.followUp} /> : null}

      <Card className="mb-4">
        <dl className="grid gap-x-6 gap-y-3 px-4 py-3 sm:grid-cols-2 lg:grid-cols-4">
          <Fact label="State">{stateLabel(run.state)}{run.failureClass && run.state !== "cancelled" ? ` (${failureLabel(run.failureClass)})` : ""}</Fact>
          <Fact label="Queued">{formatDateTime(run.queuedAt, true)}</Fact>
          <Fact label="Started">{formatDateTime(run.startedAt, true)}</Fact>
          <Fact label="Finished">{formatDateTime(run.finishedAt, true)}</Fact>
          <Fact label="Duration"><RunDuration startedAt={run.startedAt} finishedAt={run.finishedAt} className="tabular-nums" /></Fact>
          <Fact label="Repository">
            <span className="font-mono">{run.repository.fullName}</span>
            {d.repository ? <span className="text-slate-600"> ({d.repository.defaultBranch})</span> : null}
          </Fact>
          <Fact label="Base SHA">{d.baseSha ? <span className="font-mono text-xs" title={d.baseSha}>{d.baseSha.slice(0, 12)}</span> : <span className="text-slate-600">not checked out yet</span>}</Fact>
          <Fact label="Autonomy">{autonomyLabel(run.autonomy)}</Fact>
          <Fact label="Agent">{run.agentKind === "recipe" ? "Recipe" : "Model"}</Fact>
          <Fact label="Tokens used">
            <span className="tabular-nums">{(d.usage.inputTokens + d.usage.outputTokens).toLocaleString("en-US")}</span>
            <span className="text-xs text-slate-600"> ({d.usage.inputTokens.toLocaleString("en-US")} in, {d.usage.outputTokens.toLocaleString("en-US")} out, {d.usage.modelCalls} model calls)</span>
          </Fact>
          <Fact label="Tool calls"><span className="tabular-nums">{run.toolCalls}</span></Fact>
          <Fact label="Prompt-injection signals">
            {run.promptInjectionSignals ? (
              <span title="Tool outputs that carried instructions addressed to the agent: treated as data, shown on the timeline">
                <Badge tone="amber"><span className="tabular-nums">{run.promptInjectionSignals}</span></Badge>
                <span className="text-xs text-slate-600"> in tool output (see the timeline)</span>
              </span>
            ) : "none"}
          </Fact>
          <Fact label="Redactions">
            {total(d.redactions) ? Object.entries(d.redactions).filter(([, n]) => n).map(([k, n]) => `${n} ${k.replaceAll("_", " ")}`).join(", ") : "none"}
          </Fact>
          <Fact label="Effective policy">
            {d.effectivePolicyHash ? <span className="font-mono text-xs" title={d.effectivePolicyHash}>{d.effectivePolicyHash.slice(0, 12)}</span> : <span className="text-slate-600">—</span>}
            {d.policyVersions ? <span className="block text-xs text-slate-600">{Object.entries(d.policyVersions).map(([k, v]) => `${k} ${String(v).startsWith("v") ? v : `v${v}`}`).join(", ")}</span> : null}
          </Fact>
        </dl>
        {d.attempts.length > 1 ? (
          <div className="border-t border-slate-200 px-4 py-2 text-xs text-slate-700">
            Attempts of this task:{" "}
            {d.attempts.map((a, i) => (
              <span key={a.id}>
                {i ? ", " : ""}
                {a.id === run.id ? <strong>#{a.attempt} (this one)</strong> : <Link href={`/${tenant}/runs/${a.id}`} className="text-indigo-700 hover:underline">#{a.attempt} {a.state.replaceAll("_", " ")}</Link>}
              </span>
            ))}
          </div>
        ) : null}
      </Card>

      {cost}
      {pullRequest}

      <TabLinks
        label="Run sections"
        tabs={TABS.map((t) => ({ ...t, href: hrefOf({ tab: t.id === "timeline" ? undefined : t.id }), count: t.id === "timeline" && events.loaded ? events.events.length : undefined }))}
        current={tab}
        onSelect={(t) => setParams({ tab: t === "timeline" ? undefined : t }, { replace: true })}
      />

      {tab === "timeline" || tab === "log" ? (
        <Card>
          <CardHeader
            title={tab === "timeline" ? "Timeline" : "Log"}
            description={tab === "timeline"
              ? "Transitions, tool calls with the policy's decision and rule, approvals and verifiers, as they happen. Output is redacted before it is stored."
              : "The commands the agent ran and their redacted output, as a terminal would have shown them."}
            actions={!events.ended && events.loaded ? <span className="inline-flex items-center gap-1.5 text-xs text-sky-800"><span className="size-2 animate-pulse rounded-full bg-sky-600" aria-hidden="true" />live</span> : null}
          />
          <div className="px-4 py-3">
            {events.error && !events.loaded ? (
              <Alert tone="error" title="The timeline could not be loaded">{errorMessage(events.error)}</Alert>
            ) : !events.loaded ? (
              <div role="status" aria-label="Loading the timeline" className="space-y-2"><Skeleton className="h-5 w-2/3" /><Skeleton className="h-5 w-1/2" /><Skeleton className="h-5 w-3/5" /></div>
            ) : (
              <>
                {events.error ? <Alert tone="warning" className="mb-2">Could not follow the run: {errorMessage(events.error)} Trying again.</Alert> : null}
                {tab === "timeline" ? <RunTimeline tenant={tenant} events={events.events} /> : <RunLog events={events.events} live={!events.ended} />}
              </>
            )}
          </div>
        </Card>
      ) : tab === "diff" ? (
        <Card>
          <CardHeader
            title="Diff"
            description={d.diffStats ? `${String(d.diffStats.files ?? 0)} files, +${String(d.diffStats.added ?? 0)} −${String(d.diffStats.removed ?? 0)} lines; redacted for display` : "The change the agent made, redacted for display."}
          />
          <div className="px-4 py-3"><RunPatchView tenant={tenant} runId={run.id} hasPatch={hasPatch} open={open} /></div>
        </Card>
      ) : tab === "checks" ? (
        <div className="grid gap-4 lg:grid-cols-2">
          <Card>
            <CardHeader title="Boundary report" description="The diff against the policy's limits: files and lines changed, forbidden paths, the change class." />
            <div className="px-4 py-3"><BoundaryReport report={d.boundaryReport} /></div>
          </Card>
          <Card>
            <CardHeader title="Verifiers" description="Checks run on the patched repository in the sandbox." />
            <div className="px-4 py-3"><VerifierReport report={d.verifierReport} planned={d.verifiers} /></div>
          </Card>
        </div>
      ) : (
        <Card>
          <CardHeader title="Task" description={`Created ${formatDateTime(d.task.createdAt, true)}; shown redacted.`} />
          <div className="space-y-3 px-4 py-3">
            <div>
              <h3 className="text-xs font-semibold text-slate-800">Instruction</h3>
              <p className="mt-1 text-sm whitespace-pre-wrap text-slate-900">{d.task.instruction}</p>
            </div>
            {d.task.recipe !== null ? (
              <div>
                <h3 className="text-xs font-semibold text-slate-800">Recipe</h3>
                <pre tabIndex={0} className="mt-1 max-h-[32rem] overflow-auto rounded-md border border-slate-200 bg-slate-50 px-3 py-2 font-mono text-xs whitespace-pre-wrap text-slate-900">{d.task.recipe}</pre>
              </div>
            ) : null}
          </div>
        </Card>
      )}
    </>
  );
}
