// Asking for the detection step on a campaign's targets: one pending CampaignDetection per eligible
// target (or the ones named), each then run by its job once the transaction commits. A target that
// already waits for one gets no second: the one pending will read the default branch as it is then.
import type { Tx } from "../db/client";
import { parseRecipe } from "../runs/recipe-schema";
import type { Detection } from "../runs/detection-schema";
import type { CampaignSpec } from "./campaign-spec";
import { enqueueDetection } from "./detection-jobs";

export const DETECTION_TRIGGERS = ["launch", "merge", "manual"] as const;
export type DetectionTrigger = (typeof DETECTION_TRIGGERS)[number];

/** The campaign's own detection step, else its recipe's; null when neither gives one. */
export function detectionOf(spec: CampaignSpec): (Detection & { source: "campaign" | "recipe" }) | null {
  if (spec.detection) return { ...spec.detection, source: "campaign" };
  if (spec.change.agent.kind !== "recipe") return null;
  const parsed = parseRecipe(spec.change.agent.recipe);
  return parsed.ok && parsed.recipe.detection ? { ...parsed.recipe.detection, source: "recipe" } : null;
}

export async function requestDetections(
  tx: Tx, campaign: { id: string; tenantId: string },
  o: { trigger: DetectionTrigger; requestedBy: string; targetIds?: readonly string[]; afterCommit: (fn: () => Promise<unknown>) => void },
): Promise<string[]> {
  const targets = await tx.campaignTarget.findMany({
    where: {
      tenantId: campaign.tenantId, campaignId: campaign.id, eligible: true,
      ...(o.targetIds ? { id: { in: [...o.targetIds] } } : {}),
      detections: { none: { outcome: "pending" } },
    },
    select: { id: true, repositoryId: true },
  });
  if (!targets.length) return [];
  const rows = await tx.campaignDetection.createManyAndReturn({
    data: targets.map((t) => ({ tenantId: campaign.tenantId, campaignId: campaign.id, targetId: t.id, repositoryId: t.repositoryId, trigger: o.trigger, requestedBy: o.requestedBy })),
    select: { id: true },
  });
  const ids = rows.map((r) => r.id);
  o.afterCommit(async () => {
    for (const id of ids) await enqueueDetection(id);
  });
  return ids;
}
