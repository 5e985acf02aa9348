import type { Metadata } from "next";
import { RunPullRequest } from "@/components/changes/run-pull-request";
import { RunCostPanel } from "@/components/cost/run-cost";
import { RunDetailView } from "@/components/runs/run-detail";
import { can } from "@/server/authz/authorize";
import { readContext } from "@/server/core/read-context";
import { getRunCost } from "@/server/cost/get-run-cost";
import { getRunChangeset } from "@/server/github/changesets/get-run-changeset";
import { isTerminal } from "@/server/runs/run-transitions";
import { listRunEvents } from "@/server/runs/list-run-events";
import { loadRun } from "./load-run";

export const metadata: Metadata = { title: "Run" };

export default async function RunPage({ params }: { params: Promise<{ tenant: string; runId: string }> }) {
  const { tenant, runId } = await params;
  const { scope, detail } = await loadRun(tenant, runId);
  const ctx = readContext(scope);
  const canSeePr = can(scope, "changeset.read");
  const canSeeCost = can(scope, "cost.read");
  // The first page of the timeline, the pull request and the cost come with the page; the browser follows them from there.
  const [events, changeset, cost] = await Promise.all([
    listRunEvents(ctx, detail.run.id, { afterSeq: 0, limit: 500 }).catch(() => null),
    canSeePr ? getRunChangeset(ctx, detail.run.id).catch(() => null) : null,
    canSeeCost ? getRunCost(ctx, detail.run.id).catch(() => null) : null,
  ]);
  const run = detail.run;
  return (
    <RunDetailView
      key={run.id}
      tenant={scope.tenant.slug}
      initial={detail}
      initialEvents={events}
      cost={canSeeCost ? <RunCostPanel tenant={scope.tenant.slug} runId={run.id} open={!isTerminal(run.state)} initial={cost} /> : null}
      pullRequest={canSeePr ? (
        <RunPullRequest
          tenant={scope.tenant.slug} runId={run.id} mode={run.autonomy}
          runEnded={isTerminal(run.state)} runSucceeded={run.state === "succeeded"} initial={changeset}
        />
      ) : null}
    />
  );
}
