// The rows of the demo's model-agent runs (demo-cost-plan.ts): each task, its finished run and its
// timeline as the run pipeline would have left them (an analysis ends with its report; a failed run
// with its failure class and cause on the last transition), written in three statements. The run's
// cost columns stay at zero here: recording the costs adds them (server/cost/record-costs.ts).
import { createHash } from "node:crypto";
import type { Tx } from "../../../server/db/client";
import type { RunFailureClass, RunState } from "../../../server/db/generated/client";
import { demoId } from "../github/seed-demo-run";
import type { CostPlace, TaskClass } from "./demo-cost-plan";

export type HistoryRun = {
  key: string;
  place: CostPlace;
  taskClass: TaskClass;
  autonomy: "analysis_only" | "dry_run_patch";
  instruction: string;
  summary: string;
  requester: { id: string | null; email: string };
  queuedAt: Date;
  startedAt: Date;
  finishedAt: Date;
  /** Null: succeeded. */
  failure: { failureClass: RunFailureClass; message: string } | null;
  toolCalls: number;
};

export const historyTaskId = (key: string) => demoId("task", `cost:${key}`);
export const historyRunId = (key: string) => demoId("run", `cost:${key}`);

type Event = { runId: string; seq: number; at: Date; kind: string; fromState: RunState | null; toState: RunState | null; message: string; data: Record<string, unknown> | null };

/** In three statements (createMany is slow for a few thousand rows), as the pipeline would have written them one by one. */
export async function writeHistoryRuns(tx: Tx, tenantId: string, runs: readonly HistoryRun[]): Promise<void> {
  if (!runs.length) return;
  const col = <T>(f: (r: HistoryRun) => T): T[] => runs.map(f);
  const iso = (d: Date) => d.toISOString();
  const taskIds = col((r) => historyTaskId(r.key));
  const runIds = col((r) => historyRunId(r.key));
  const repositoryIds = col((r) => r.place.repositoryId);
  const classes = col((r) => r.taskClass);
  const emails = col((r) => r.requester.email);
  const queued = col((r) => iso(r.queuedAt));
  await tx.$executeRaw`
    INSERT INTO "Task" (id, "tenantId", "repositoryId", "taskClass", "agentKind", instruction, autonomy, "requesterId", "requesterLabel", "createdAt")
    SELECT u.id, ${tenantId}, u.repo, u.class, 'model', u.instruction, u.autonomy, u.requester, u.email, u.at
    FROM unnest(${taskIds}::text[], ${repositoryIds}::text[], ${classes}::text[], ${col((r) => r.instruction)}::text[], ${col((r) => r.autonomy)}::text[],
                ${col((r) => r.requester.id)}::text[], ${emails}::text[], ${queued}::timestamptz[]) AS u(id, repo, class, instruction, autonomy, requester, email, at)`;
  await tx.$executeRaw`
    INSERT INTO "Run" (id, "tenantId", "taskId", "repositoryId", "taskClass", "requesterLabel", state, "failureClass", "failureMessage", "leaseCount", "toolCalls", summary, "diffStats",
                       "queuedAt", "startedAt", "finishedAt", "updatedAt")
    SELECT u.id, ${tenantId}, u.task, u.repo, u.class, u.email, u.state::"RunState", u.failure::"RunFailureClass", u.message, 1, u.tools, u.summary, u.stats::jsonb,
           u.queued, u.started, u.finished, u.finished
    FROM unnest(${runIds}::text[], ${taskIds}::text[], ${repositoryIds}::text[], ${classes}::text[], ${emails}::text[],
                ${col((r) => (r.failure ? "failed" : "succeeded"))}::text[], ${col((r) => r.failure?.failureClass ?? null)}::text[], ${col((r) => r.failure?.message ?? null)}::text[],
                ${col((r) => r.toolCalls)}::int[], ${col((r) => (r.failure ? null : r.summary))}::text[], ${col((r) => (r.failure ? null : JSON.stringify({ files: 0, added: 0, removed: 0 })))}::text[],
                ${queued}::timestamptz[], ${col((r) => iso(r.startedAt))}::timestamptz[], ${col((r) => iso(r.finishedAt))}::timestamptz[])
      AS u(id, task, repo, class, email, state, failure, message, tools, summary, stats, queued, started, finished)`;
  const events = runs.flatMap(timeline);
  await tx.$executeRaw`
    INSERT INTO "RunEvent" (id, "tenantId", "runId", seq, at, kind, "fromState", "toState", message, data)
    SELECT u.id, ${tenantId}, u.run, u.seq, u.at, u.kind, u.from::"RunState", u.to::"RunState", u.message, u.data::jsonb
    FROM unnest(${events.map((e) => eventId(e.runId, e.seq))}::text[], ${events.map((e) => e.runId)}::text[], ${events.map((e) => e.seq)}::int[], ${events.map((e) => iso(e.at))}::timestamptz[],
                ${events.map((e) => e.kind)}::text[], ${events.map((e) => e.fromState)}::text[], ${events.map((e) => e.toState)}::text[], ${events.map((e) => e.message)}::text[],
                ${events.map((e) => (e.data ? JSON.stringify(e.data) : null))}::text[]) AS u(id, run, seq, at, kind, "from", "to", message, data)`;
}

/** A cuid-shaped id, the same on every machine (as demoId). */
const eventId = (runId: string, seq: number) => `c${createHash("sha256").update(`fleetgate-demo:event:${runId}:${seq}`).digest("hex").slice(0, 24)}`;

/** The run's timeline as the pipeline writes it: its transitions, a failure's class on the last. */
function timeline(r: HistoryRun): Event[] {
  const runId = historyRunId(r.key);
  const events: Event[] = [];
  const event = (at: Date, kind: string, message: string, o: { from?: RunState; to?: RunState; data?: Record<string, unknown> } = {}) =>
    events.push({ runId, seq: events.length + 1, at, kind, fromState: o.from ?? null, toState: o.to ?? null, message, data: o.data ?? null });
  const where = `${r.place.owner}/${r.place.name}`;
  event(r.queuedAt, "transition", `created by ${r.requester.email}: ${r.taskClass} on ${where}`, { to: "queued" });
  event(new Date(r.startedAt.getTime() - 1), "transition", "taken by a worker", { from: "queued", to: "preparing" });
  event(r.startedAt, "transition", `cloned ${where}`, { from: "preparing", to: "running" });
  event(r.startedAt, "log", "demo data: this run was seeded, not executed; its model calls and sandbox commands are costed as they were recorded");
  if (r.failure) {
    event(r.finishedAt, "transition", r.failure.message, { from: "running", to: "failed", data: { failureClass: r.failure.failureClass } });
  } else {
    event(new Date(r.finishedAt.getTime() - 1), "transition", `agent finished: ${r.summary}`, { from: "running", to: "verifying" });
    event(r.finishedAt, "transition", "analysis only: a report; the workspace's change (0 file(s)) is not kept", { from: "verifying", to: "succeeded" });
  }
  return events;
}
