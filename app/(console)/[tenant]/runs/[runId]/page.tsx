import type { Metadata } from "next";
import { RunDetailView } from "@/components/runs/run-detail";
import { readContext } from "@/server/core/read-context";
import { listRunEvents } from "@/server/runs/list-run-events";
import { loadRun } from "./load-run";

export const metadata: Metadata = { title: "Run" };

export default async function RunPage({ params }: { params: Promise<{ tenant: string; runId: string }> }) {
  const { tenant, runId } = await params;
  const { scope, detail } = await loadRun(tenant, runId);
  // The first page of the timeline comes with the page; the browser follows it from there.
  const events = await listRunEvents(readContext(scope), detail.run.id, { afterSeq: 0, limit: 500 }).catch(() => null);
  return <RunDetailView key={detail.run.id} tenant={scope.tenant.slug} initial={detail} initialEvents={events} />;
}
