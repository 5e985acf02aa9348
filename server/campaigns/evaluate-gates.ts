// The stop gates over a campaign so far, in one set-based pass over its runs and changesets (one
// statement, two scans on indexes that lead with the tenant and campaign). Each rate keeps its
// numerator, denominator and the runs and changesets counted against it, so a pause can name them.
//
// A target's run is its task's latest one (a retry that succeeded replaces the failure it retried);
// a run cancelled by a person or a switch says nothing about the change and counts in no rate.
// A gate without a threshold is shown, never broken; a rate over nothing (0 of 0) is no value, and
// breaks nothing. Broken is strictly above the threshold: 0 means "not even one".
import { Prisma, type Tx } from "../db/client";
import { GATE_RATES, type CampaignSpec } from "./campaign-spec";
import type { GateResult, SoakState } from "./gate-view";

/** Runs and changesets listed per gate at most; the counts are always whole. */
export const EVIDENCE_LIMIT = 100;
const LIMIT = Prisma.raw(`[1:${EVIDENCE_LIMIT}]`);

type Row = {
  now: Date; lastMergeAt: Date | null;
  runFailed: number; runFinished: number; runFailedIds: string[] | null;
  verifierFailed: number; verified: number; verifierFailedIds: string[] | null;
  ciFailing: number; ciCompleted: number; ciFailingIds: string[] | null; ciFailingRuns: string[] | null;
  closedUnmerged: number; ended: number; closedIds: string[] | null; closedRuns: string[] | null;
  reverted: number; merged: number; revertedIds: string[] | null; revertedRuns: string[] | null;
  vetoed: number; reviewed: number; vetoedIds: string[] | null; vetoedRuns: string[] | null;
};

export type GateEvaluation = { gates: GateResult[]; broken: GateResult[]; soak: SoakState; now: Date };

export async function evaluateGates(tx: Tx, tenantId: string, campaignId: string, spec: Pick<CampaignSpec, "gates">): Promise<GateEvaluation> {
  const [r] = await tx.$queryRaw<Row[]>`
    WITH latest AS (
      SELECT DISTINCT ON (r."taskId") r.id, r.state::text AS state, r."failureClass"::text AS fc, r."verifierReport" IS NOT NULL AS verified
      FROM "Run" r WHERE r."tenantId" = ${tenantId} AND r."campaignId" = ${campaignId}
      ORDER BY r."taskId", r."queuedAt" DESC, r.id DESC
    ), runs AS (
      SELECT
        count(*) FILTER (WHERE state = 'failed')::int AS "runFailed",
        count(*) FILTER (WHERE state IN ('succeeded', 'failed'))::int AS "runFinished",
        (array_agg(id ORDER BY id) FILTER (WHERE state = 'failed'))${LIMIT} AS "runFailedIds",
        count(*) FILTER (WHERE fc = 'verifier_failed')::int AS "verifierFailed",
        count(*) FILTER (WHERE state IN ('succeeded', 'failed') AND (verified OR fc = 'verifier_failed'))::int AS verified,
        (array_agg(id ORDER BY id) FILTER (WHERE fc = 'verifier_failed'))${LIMIT} AS "verifierFailedIds"
      FROM latest
    ), prs AS (
      SELECT
        max(c."mergedAt") AS "lastMergeAt",
        count(*) FILTER (WHERE c."prNumber" IS NOT NULL AND c."checksState" = 'failing')::int AS "ciFailing",
        count(*) FILTER (WHERE c."prNumber" IS NOT NULL AND c."checksState" IN ('passing', 'failing'))::int AS "ciCompleted",
        (array_agg(c.id ORDER BY c.id) FILTER (WHERE c."prNumber" IS NOT NULL AND c."checksState" = 'failing'))${LIMIT} AS "ciFailingIds",
        (array_agg(c."runId" ORDER BY c.id) FILTER (WHERE c."prNumber" IS NOT NULL AND c."checksState" = 'failing'))${LIMIT} AS "ciFailingRuns",
        count(*) FILTER (WHERE c.state = 'closed' AND c."mergedAt" IS NULL)::int AS "closedUnmerged",
        count(*) FILTER (WHERE c.state IN ('merged', 'closed'))::int AS ended,
        (array_agg(c.id ORDER BY c.id) FILTER (WHERE c.state = 'closed' AND c."mergedAt" IS NULL))${LIMIT} AS "closedIds",
        (array_agg(c."runId" ORDER BY c.id) FILTER (WHERE c.state = 'closed' AND c."mergedAt" IS NULL))${LIMIT} AS "closedRuns",
        count(*) FILTER (WHERE c."revertedAt" IS NOT NULL)::int AS reverted,
        count(*) FILTER (WHERE c."mergedAt" IS NOT NULL)::int AS merged,
        (array_agg(c.id ORDER BY c.id) FILTER (WHERE c."revertedAt" IS NOT NULL))${LIMIT} AS "revertedIds",
        (array_agg(c."runId" ORDER BY c.id) FILTER (WHERE c."revertedAt" IS NOT NULL))${LIMIT} AS "revertedRuns",
        count(*) FILTER (WHERE c."reviewState" = 'changes_requested')::int AS vetoed,
        count(*) FILTER (WHERE c."reviewState" IN ('changes_requested', 'approved'))::int AS reviewed,
        (array_agg(c.id ORDER BY c.id) FILTER (WHERE c."reviewState" = 'changes_requested'))${LIMIT} AS "vetoedIds",
        (array_agg(c."runId" ORDER BY c.id) FILTER (WHERE c."reviewState" = 'changes_requested'))${LIMIT} AS "vetoedRuns"
      FROM "Changeset" c WHERE c."tenantId" = ${tenantId} AND c."campaignId" = ${campaignId}
    )
    SELECT now() AS now, runs.*, prs.* FROM runs, prs`;
  const row = r!;
  const parts: Record<(typeof GATE_RATES)[number], [number, number, string[] | null, string[] | null]> = {
    runFailureRate: [row.runFailed, row.runFinished, row.runFailedIds, null],
    verifierFailureRate: [row.verifierFailed, row.verified, row.verifierFailedIds, null],
    ciFailureRate: [row.ciFailing, row.ciCompleted, row.ciFailingRuns, row.ciFailingIds],
    closedWithoutMergeRate: [row.closedUnmerged, row.ended, row.closedRuns, row.closedIds],
    revertRate: [row.reverted, row.merged, row.revertedRuns, row.revertedIds],
    reviewVetoRate: [row.vetoed, row.reviewed, row.vetoedRuns, row.vetoedIds],
  };
  const gates = GATE_RATES.map((gate): GateResult => {
    const [numerator, denominator, runs, changesets] = parts[gate];
    const threshold = spec.gates?.[gate] ?? null;
    const value = denominator > 0 ? numerator / denominator : null;
    return { gate, threshold, value, numerator, denominator, broken: threshold !== null && value !== null && value > threshold, runs: runs ?? [], changesets: changesets ?? [] };
  });
  const minutes = spec.gates?.soakMinutes ?? null;
  const until = minutes && row.lastMergeAt ? new Date(row.lastMergeAt.getTime() + minutes * 60_000) : null;
  const soak: SoakState = { minutes, lastMergeAt: row.lastMergeAt?.toISOString() ?? null, until: until?.toISOString() ?? null, waiting: !!until && until > row.now };
  return { gates, broken: gates.filter((g) => g.broken), soak, now: row.now };
}

const percent = (v: number) => `${Math.round(v * 1000) / 10}%`;

/** "ciFailureRate 50% (1 of 2) above its threshold 20%" */
export const describeGate = (g: GateResult) =>
  `${g.gate} ${g.value === null ? "has no value" : `${percent(g.value)} (${g.numerator} of ${g.denominator})`}${g.threshold === null ? "" : `${g.broken ? " above" : " within"} its threshold ${percent(g.threshold)}`}`;
