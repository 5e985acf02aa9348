// A demo campaign's history after its draft, in one transaction, as its owner's launch and the
// workers would have left it: launched (campaign.launch), one task per eligible target (as
// startCampaign makes them), a succeeded run and a changeset for every target of the waves that
// started, the waves' states and times, and, for a finished campaign, its completion. Times are the
// story's (demo-campaigns.ts), set after the transitions that stamp them.
import { randomBytes } from "node:crypto";
import { appendAuditEvents } from "../../../server/audit/append-event";
import type { Scope } from "../../../server/authz/scope";
import { transitionCampaign } from "../../../server/campaigns/campaign-transitions";
import { auditFields, type AuditRecord } from "../../../server/core/op-context";
import { db } from "../../../server/db/client";
import { writeDemoRun } from "../github/seed-demo-run";
import type { ChangeDone } from "./campaign-changes";
import type { Prepared } from "./campaign-publication";
import { writeChangesetHistory, type Hold } from "./changeset-history";
import type { DemoCampaign, Outcome } from "./demo-campaigns";

const ago = (hours: number) => new Date(Date.now() - hours * 3_600_000);

export type TargetHistory = {
  targetId: string;
  repositoryId: string;
  waveIndex: number;
  outcome: Outcome;
  taskId: string;
  /** Absent for a target of a wave not started yet (its task waits for promotion). */
  change?: { prepared: Prepared; done: ChangeDone; hold: Hold | null; spread: number };
};

export async function writeCampaignHistory(scope: Scope, def: DemoCampaign, campaign: { id: string; name: string }, targets: readonly TargetHistory[]): Promise<void> {
  const audit: AuditRecord[] = [];
  const meta = { requestId: `seed-${randomBytes(4).toString("hex")}`, ip: null };
  const who = scope.actor.kind === "user" ? scope.actor.email : "seed";
  const launchedAt = ago(def.waves[0]!.startedHoursAgo);
  const started = targets.filter((t) => t.change);
  await db.$transaction(async (tx) => {
    const moved = await transitionCampaign(tx, campaign.id, {
      to: "running", cause: `launched by ${who}`, action: "campaign.launch", audit: async (e) => void audit.push(e),
      data: { tasks: targets.length, canary: targets.filter((t) => t.waveIndex === 0).length },
    });
    if (!moved) throw new Error(`demo campaign ${campaign.name} is no longer a draft`);
    const spec = def.spec;
    for (const t of targets) {
      if (t.change) await writeDemoRun(tx, t.change.prepared.input);
      else {
        await tx.task.create({
          data: {
            id: t.taskId, tenantId: scope.tenant.id, repositoryId: t.repositoryId, taskClass: spec.change.taskClass, agentKind: "recipe",
            recipe: spec.change.agent.kind === "recipe" ? spec.change.agent.recipe : null, instruction: spec.change.instruction, autonomy: spec.autonomy,
            requesterId: scope.actor.kind === "user" ? scope.actor.id : null, requesterLabel: who, campaignId: campaign.id, createdAt: launchedAt,
          },
        });
      }
      await tx.campaignTarget.update({ where: { id: t.targetId }, data: { taskId: t.taskId, createdAt: ago(def.createdHoursAgo) } });
    }
    for (const t of started) {
      const wave = def.waves[t.waveIndex]!;
      const waveEnd = wave.finishedHoursAgo === null ? null : ago(wave.finishedHoursAgo);
      await writeChangesetHistory(tx, t.change!.prepared, t.change!.done, { historic: waveEnd !== null, spread: t.change!.spread, waveEnd, hold: t.change!.hold });
    }
    for (const [index, w] of def.waves.entries()) {
      const done = w.finishedHoursAgo !== null;
      const counts = countOutcomes(targets.filter((t) => t.waveIndex === index));
      await tx.campaignWave.update({
        where: { campaignId_index: { campaignId: campaign.id, index } },
        data: {
          state: done ? "done" : "running", startedAt: ago(w.startedHoursAgo), finishedAt: done ? ago(w.finishedHoursAgo!) : null,
          stateReason: done ? `every change of the wave ended: ${counts}` : index === 0 ? `launched by ${who}` : "promoted: the gates held over the waves before it and its soak time passed",
        },
      });
    }
    if (def.state === "completed") {
      const counts = countOutcomes(targets);
      await transitionCampaign(tx, campaign.id, { to: "completed", cause: `every wave is done: ${counts}`, action: "campaign.complete", audit: async (e) => void audit.push(e), data: { summary: counts } });
    }
    await tx.campaign.update({
      where: { id: campaign.id },
      data: { createdAt: ago(def.createdHoursAgo), launchedAt, ...(def.endedHoursAgo !== undefined ? { endedAt: ago(def.endedHoursAgo) } : {}) },
    });
    await appendAuditEvents(tx, audit.map((e) => ({ ...auditFields(scope, meta), ...e })));
  }, { timeout: 180_000, maxWait: 30_000 });
}

function countOutcomes(targets: readonly TargetHistory[]): string {
  const words: Record<Outcome, string> = { merged: "merged", closed: "closed without merging", approved: "approved", in_review: "in review", draft: "draft", held: "held", pending: "not started" };
  const n = new Map<Outcome, number>();
  for (const t of targets) n.set(t.outcome, (n.get(t.outcome) ?? 0) + 1);
  return [...n].map(([o, c]) => `${c} ${words[o]}`).join(", ");
}
