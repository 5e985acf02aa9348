// The waves' check (the campaigns.check-waves job): in one transaction, with the campaign locked,
// advance-waves.ts decides whether its wave has finished and what follows. It acts as the system
// ("campaign waves"); a promotion admits runs, and asks for approval, as the person who launched the
// campaign, with their roles as they are now. The sweep asks for a check of every running campaign.
import { appendAuditEvents } from "../audit/append-event";
import { db } from "../db/client";
import type { Campaign } from "../db/generated/client";
import { logger } from "../log/logger";
import { recordDecisions } from "../policy/record-decision";
import { advanceWaves } from "./advance-waves";
import { actingContext, campaignLauncher, collected, launcherScope, systemAudit } from "./campaign-actor";
import { enqueueWaveCheck } from "./wave-jobs";

export const WAVES_ACTOR = "campaign waves";

export async function checkCampaignWaves(campaignId: string): Promise<string> {
  const out = collected();
  const result = await db.$transaction(async (tx) => {
    out.audit.length = 0; out.decisions.length = 0; out.after.length = 0;
    // A system job: the campaign is found by its id alone, and acts only inside its own tenant.
    const [locked] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Campaign" WHERE id = ${campaignId} FOR UPDATE`;
    if (!locked) return "nothing to do: no such campaign";
    const c: Campaign = await tx.campaign.findUniqueOrThrow({ where: { id: campaignId } });
    const advance = await advanceWaves({
      tx, label: WAVES_ACTOR, audit: systemAudit(out, c.tenantId, WAVES_ACTOR), afterCommit: (f) => void out.after.push(f),
      acting: async () => {
        const launcher = await campaignLauncher(tx, c.tenantId, c.id);
        const scope = launcher && (await launcherScope(tx, c.tenantId, launcher.id));
        if (!scope?.permissions.has("campaign.manage")) return { refused: `${launcher?.label ?? "its launcher"}, who launched it, may no longer manage campaigns here; someone who may can resume it` };
        return actingContext(tx, scope, `waves-${c.id}`, out);
      },
    }, c, "wave_finished");
    await recordDecisions(tx, c.tenantId, out.decisions);
    await appendAuditEvents(tx, out.audit);
    return `${advance.outcome}: ${advance.message}`;
  }, { timeout: 30_000, maxWait: 10_000 });
  for (const f of out.after) await f().catch((e: Error) => logger.error("after-commit step of a waves check failed", { campaignId, error: e.message }));
  return result;
}

/** Every running campaign gets a check (deduplicated): what a lost job or a missed trigger leaves is found here. */
export async function sweepCampaignWaves(): Promise<{ asked: number }> {
  const running = await db.campaign.findMany({ where: { state: "running" }, select: { id: true } });
  for (const c of running) await enqueueWaveCheck(c.id);
  return { asked: running.length };
}
