"use client";

// The campaign's two burndowns side by side: its eligible targets by PR state, and by code (what the
// detection step last said of each target's default branch), because a merged PR is not yet
// migration progress. "Detect now" asks for the detection step on every target again.
import { useMutation, useQuery } from "@tanstack/react-query";
import { ScanSearch } from "lucide-react";
import { Area, AreaChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { CampaignBurndown as Burndown } from "@/server/campaigns/burndown-view";
import { api, tenantPath } from "../api/api-client";
import { errorMessage } from "../api/api-error";
import { ChartFrame, timeTick, tooltipTime } from "../charts/chart-parts";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Card, CardHeader } from "../ui/card";
import { EmptyState } from "../ui/empty-state";
import { formatDateTime, plural } from "../ui/format";
import { Skeleton } from "../ui/skeleton";
import { useAfterChange } from "../ui/use-after-change";
import { campaignKeys, LIVE_MS } from "./campaign-keys";
import { isLive } from "./labels";
import type { CampaignDetail } from "./types";

const PR_STATES = [
  ["merged", "Merged", "#009E73"], ["pr_open", "PR open", "#0072B2"], ["held", "Held", "#E69F00"], ["running", "Running", "#56B4E9"],
  ["not_started", "Not started", "#cbd5e1"], ["closed", "Closed unmerged", "#64748b"], ["failed", "Failed", "#D55E00"],
] as const;
const CODE = [["done", "Done", "#009E73"], ["needed", "Still needed", "#D55E00"], ["unknown", "Not known yet", "#cbd5e1"]] as const;

const burndownKey = (tenant: string, id: string) => [...campaignKeys.detail(tenant, id), "burndown"] as const;

export function CampaignBurndown({ tenant, campaign, canManage }: { tenant: string; campaign: CampaignDetail; canManage: boolean }) {
  const q = useQuery({
    queryKey: burndownKey(tenant, campaign.id),
    queryFn: ({ signal }) => api<Burndown>(tenantPath(tenant, `campaigns/${campaign.id}/burndown`), { signal }),
    refetchInterval: isLive(campaign.state) ? LIVE_MS * 3 : false,
  });
  return (
    <section aria-labelledby="burndown-heading" className="space-y-2">
      <h2 id="burndown-heading" className="text-base font-semibold text-slate-900">Burndowns</h2>
      {q.isPending ? <div className="grid gap-4 lg:grid-cols-2"><Skeleton className="h-80" /><Skeleton className="h-80" /></div>
        : q.isError ? <Alert tone="error" title="The burndowns could not be loaded">{errorMessage(q.error)}</Alert>
          : (
            <div className="grid gap-4 lg:grid-cols-2">
              <ByPrState data={q.data} />
              <ByCode tenant={tenant} campaign={campaign} data={q.data} canManage={canManage} />
            </div>
          )}
    </section>
  );
}

function ByPrState({ data }: { data: Burndown }) {
  const last = data.byPrState.at(-1)!;
  const summary = `Of ${plural(data.targets, "eligible target")}, now: ${PR_STATES.map(([k, label]) => `${last[k]} ${label.toLowerCase()}`).join(", ")}.`;
  return (
    <Card>
      <CardHeader title="By pull request state" description="Eligible targets by where their work is, from the launch to now." />
      <div className="p-4">
        {data.targets === 0 ? <EmptyState title="No eligible target">The plan left no target to change.</EmptyState> : (
          <ChartFrame label="Targets by pull request state over time" summary={summary}>
            <StackedAreas points={data.byPrState} series={PR_STATES} stepMs={data.stepMs} />
          </ChartFrame>
        )}
      </div>
    </Card>
  );
}

function ByCode({ tenant, campaign, data, canManage }: { tenant: string; campaign: CampaignDetail; data: Burndown; canManage: boolean }) {
  const code = data.byCode;
  const last = code.points.at(-1)!;
  const detect = code.detection && canManage && campaign.state !== "aborted" ? <DetectNow tenant={tenant} campaignId={campaign.id} /> : null;
  return (
    <Card>
      <CardHeader
        title="By code"
        description={code.detection ? <>Targets whose default branch still needs the change, by <code className="font-mono">{code.detection.argv.join(" ")}</code> ({code.detection.source === "recipe" ? "the recipe's" : "the campaign's"} detection step: exit 0 needed, 1 done).</> : "What the detection step says of each target's default branch."}
        actions={detect}
      />
      <div className="space-y-3 p-4">
        {!code.detection ? (
          <EmptyState title="No detection step">Give the spec a detection command (detection.argv), or use a recipe that declares one, to see where the change is still needed.</EmptyState>
        ) : (
          <>
            <ChartFrame
              label="Targets by whether their code still needs the change, over time"
              summary={`Now: ${last.needed} still need the change, ${last.done} done, ${last.unknown} not known yet${code.pending ? `; ${code.pending} detections waiting` : ""}. Last detection ${code.lastAt ? formatDateTime(code.lastAt) : "not run yet"}.`}
            >
              <StackedAreas points={code.points} series={CODE} stepMs={data.stepMs} />
            </ChartFrame>
            {code.errors ? (
              <Alert tone="warning" title={`The latest detection failed on ${plural(code.errors, "target")}`}>
                <ul className="list-disc pl-4">
                  {code.recentErrors.map((e) => <li key={`${e.repository}-${e.at}`}><span className="font-mono">{e.repository}</span>: {e.reason}</li>)}
                </ul>
              </Alert>
            ) : null}
          </>
        )}
      </div>
    </Card>
  );
}

function StackedAreas<K extends string>({ points, series, stepMs }: { points: ({ at: string } & Record<K, number | string>)[]; series: readonly (readonly [K, string, string])[]; stepMs: number }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <AreaChart accessibilityLayer={false} data={points} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
        <XAxis dataKey="at" tickFormatter={timeTick(stepMs)} tick={{ fontSize: 11, fill: "#475569" }} minTickGap={24} />
        <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: "#475569" }} width={40} label={{ value: "targets", angle: -90, position: "insideLeft", fontSize: 11, fill: "#475569" }} />
        <Tooltip labelFormatter={tooltipTime} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {series.map(([key, label, colour]) => <Area key={key} type="stepAfter" dataKey={key} name={label} stackId="1" stroke={colour} fill={colour} fillOpacity={0.75} isAnimationActive={false} />)}
      </AreaChart>
    </ResponsiveContainer>
  );
}

function DetectNow({ tenant, campaignId }: { tenant: string; campaignId: string }) {
  const after = useAfterChange();
  const m = useMutation({
    mutationFn: () => api<{ requested: number }>(tenantPath(tenant, `campaigns/${campaignId}/detect`), { method: "POST", body: {} }),
    onSuccess: (r) => after([burndownKey(tenant, campaignId)], r.requested ? `Detection asked for on ${plural(r.requested, "target")}.` : "Every target already waits for a detection."),
  });
  return (
    <div className="flex flex-col items-end gap-1">
      <Button size="sm" onClick={() => m.mutate()} disabled={m.isPending}><ScanSearch aria-hidden="true" className="size-4" />{m.isPending ? "Asking…" : "Detect now"}</Button>
      {m.isError ? <p role="alert" className="text-xs text-red-700">{errorMessage(m.error)}</p> : null}
    </div>
  );
}
