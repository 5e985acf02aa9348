// A run's timeline, in order, from a sequence number on: the detail screen's live log polls with
// the last number it has. Events were redacted when stored.
import type { z } from "zod";
import type { OpContext } from "../core/op-context";
import { loadRunIn } from "./get-run";
import { isTerminal } from "./run-transitions";
import type { ZRunEventFilter } from "./run-input";
import { runEventView, type RunEventView } from "./run-view";

export async function listRunEvents(ctx: OpContext, runId: string, f: z.infer<typeof ZRunEventFilter>) {
  const run = await loadRunIn(ctx, runId);
  const rows = await ctx.tx.runEvent.findMany({
    where: { runId: run.id, tenantId: run.tenantId, seq: { gt: f.afterSeq } }, orderBy: { seq: "asc" }, take: f.limit + 1,
  });
  const page = rows.slice(0, f.limit);
  const hide = await hidesWrittenContent(ctx, run.id, run.tenantId);
  return {
    events: page.map((e) => shownEvent(runEventView(e), hide)),
    /** More events exist after this page. */
    more: rows.length > f.limit,
    state: run.state,
    /** The run has ended: once a poll has read everything, nothing more will come. */
    ended: isTerminal(run.state),
  };
}

/**
 * A patch that broke the boundary is restricted evidence (needs audit.read); the content the agent
 * wrote, kept on its write_file events, would rebuild it, so those who may not read the patch do
 * not see that content either (path and size stay).
 */
export async function hidesWrittenContent(ctx: OpContext, runId: string, tenantId: string): Promise<boolean> {
  if (ctx.scope.permissions.has("audit.read")) return false;
  return !!(await ctx.tx.runArtifact.findFirst({ where: { runId, tenantId, restricted: true }, select: { id: true } }));
}

export function shownEvent(e: RunEventView, hide: boolean): RunEventView {
  const args = e.data?.args as Record<string, unknown> | undefined;
  if (!hide || e.data?.tool !== "write_file" || typeof args?.content !== "string") return e;
  return { ...e, data: { ...e.data, args: { ...args, content: `[restricted evidence: ${args.content.length} characters, readable with audit.read]` } } };
}
