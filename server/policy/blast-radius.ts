// Which real decisions a draft would change: the tenant's recent decision records replayed against
// the effective policy with the draft in place, plus the draft's rules that neither its tests nor
// the replayed traffic reached. Reads only.
import type { z } from "zod";
import type { OpContext } from "../core/op-context";
import { loadReplayRecords } from "./load-decision-records";
import type { ZBlastRadiusRequest } from "./policy-input";
import { draftAgainstEffective } from "./preview-policy-draft";
import { replayDecisions, type BlastRadius } from "./replay-decisions";
import { draftRejected } from "./save-policy-version";

export type BlastRadiusReport = BlastRadius & {
  tookMs: number;
  /** The draft's rules that no test and no replayed decision reached. */
  unreached: string[];
};

export async function blastRadius(ctx: OpContext, body: z.infer<typeof ZBlastRadiusRequest>): Promise<BlastRadiusReport> {
  const started = performance.now();
  const { check } = await draftAgainstEffective(ctx, body, body.documentId);
  if (!check.set || !check.document) throw draftRejected(check);
  const records = await loadReplayRecords(ctx.tx, ctx.scope.tenant.id, body.filter);
  const result = replayDecisions(check.set, records);
  const reached = new Set(result.reachedRules);
  const unreached = check.coverage.uncovered.filter((r) => !reached.has(r));
  return { ...result, unreached, tookMs: Math.round(performance.now() - started) };
}
