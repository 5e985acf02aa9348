// A run's timeline, in order, from a sequence number on: the detail screen's live log polls with
// the last number it has. Events were redacted when stored.
import { z } from "zod";
import type { OpContext } from "../http/op-context";
import { loadRunIn } from "./get-run";
import { isTerminal } from "./run-transitions";
import { runEventView } from "./run-view";

export const ZRunEventFilter = z.object({
  afterSeq: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(200),
}).strict();

export async function listRunEvents(ctx: OpContext, runId: string, f: z.infer<typeof ZRunEventFilter>) {
  const run = await loadRunIn(ctx, runId);
  const rows = await ctx.tx.runEvent.findMany({
    where: { runId: run.id, tenantId: run.tenantId, seq: { gt: f.afterSeq } }, orderBy: { seq: "asc" }, take: f.limit + 1,
  });
  const page = rows.slice(0, f.limit);
  return {
    events: page.map(runEventView),
    /** More events exist after this page. */
    more: rows.length > f.limit,
    state: run.state,
    /** The run has ended: once a poll has read everything, nothing more will come. */
    ended: isTerminal(run.state),
  };
}
