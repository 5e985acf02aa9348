// Keeps one evaluation of the gates (CampaignGateEvaluation): the evidence a pause, a promotion or
// an override stands on, for the campaign page and the evidence package.
import type { Tx } from "../db/client";
import type { Prisma } from "../db/generated/client";
import type { GateEvaluation } from "./evaluate-gates";
import type { GATE_OUTCOMES } from "./gate-view";

export type EvaluationRecord = {
  tenantId: string; campaignId: string; waveIndex: number; trigger: string;
  outcome: (typeof GATE_OUTCOMES)[number]; evaluation: GateEvaluation; result: string; actorLabel: string;
};

export async function recordGateEvaluation(tx: Tx, r: EvaluationRecord): Promise<string> {
  const row = await tx.campaignGateEvaluation.create({
    data: {
      tenantId: r.tenantId, campaignId: r.campaignId, waveIndex: r.waveIndex, trigger: r.trigger, outcome: r.outcome,
      gates: r.evaluation.gates as unknown as Prisma.InputJsonArray, lastMergeAt: r.evaluation.soak.lastMergeAt ? new Date(r.evaluation.soak.lastMergeAt) : null,
      soakUntil: r.evaluation.soak.until ? new Date(r.evaluation.soak.until) : null, result: r.result.slice(0, 2000), actorLabel: r.actorLabel,
    },
    select: { id: true },
  });
  return row.id;
}

/** The latest evaluation of the wave that broke or overrode its gates, if any. */
export async function lastVerdict(tx: Tx, campaignId: string, waveIndex: number): Promise<"broken" | "overridden" | null> {
  const last = await tx.campaignGateEvaluation.findFirst({
    where: { campaignId, waveIndex, outcome: { in: ["broken", "overridden"] } }, orderBy: [{ evaluatedAt: "desc" }, { id: "desc" }], select: { outcome: true },
  });
  return (last?.outcome as "broken" | "overridden" | undefined) ?? null;
}
