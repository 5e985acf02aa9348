// Closing the draft PRs a close_drafts kill switch covers, as changeset actions of the switch's batch
// (apply-changeset-action.ts, the path a campaign's abort and bulk close take too): each with a
// comment naming the switch, then the changeset closed with the same cause. A draft already closed
// (a retry) is skipped, so the job may run twice; the switch's audit trail ends with one
// killswitch.contained event per pass.
import { appendAuditEvent } from "../../audit/append-event";
import { db } from "../../db/client";
import { describeSwitch } from "../../kill-switches/covering-switches";
import { logger } from "../../log/logger";
import { applyChangesetAction } from "../changesets/apply-changeset-action";
import { requestChangesetActions } from "../changesets/request-changeset-actions";

export async function closeDrafts(killSwitchId: string): Promise<string> {
  const sw = await db.killSwitch.findUnique({ where: { id: killSwitchId } });
  if (!sw || !sw.effects.includes("close_drafts")) return "nothing to do: no such switch closes drafts";
  const drafts = await db.changeset.findMany({
    where: {
      state: "draft", prNumber: { not: null },
      ...(sw.tenantId ? { tenantId: sw.tenantId } : {}),
      ...(sw.level === "repository" ? { repositoryId: sw.target! } : sw.level === "campaign" ? { campaignId: sw.target! } : {}),
    },
    select: { id: true, tenantId: true, campaignId: true },
  });
  const why = `closed by ${describeSwitch(sw)}`;
  const batchId = `killswitch-${sw.id}`;
  await db.$transaction((tx) => requestChangesetActions(tx, drafts, {
    kind: "close", batchId, cause: why, comment: `Fleetgate closed this draft: ${why}.`, requestedBy: `kill switch ${sw.id}`, data: { killSwitchId: sw.id, onlyStates: ["draft"] },
  }));
  const actions = await db.changesetAction.findMany({ where: { batchId, state: { in: ["pending", "failed"] } }, select: { id: true, changesetId: true }, orderBy: { createdAt: "asc" } });
  let closed = 0;
  const failed: string[] = [];
  for (const a of actions) {
    try {
      if ((await applyChangesetAction(a.id)).startsWith("closed")) closed++;
    } catch (e) {
      failed.push(a.changesetId);
      logger.warn("a draft PR could not be closed", { changeset: a.changesetId, error: (e as Error).message });
    }
  }
  await db.$transaction((tx) => appendAuditEvent(tx, {
    tenantId: sw.tenantId, actorType: "system", actorLabel: `kill switch ${sw.id}`, action: "killswitch.contained", resourceType: "killswitch", resourceId: sw.id,
    after: { draftsClosed: closed, draftsNotClosed: failed },
  }));
  if (failed.length) throw new Error(`${failed.length} draft PR(s) not closed yet (changesets ${failed.slice(0, 5).join(", ")}); trying again`);
  return `closed ${closed} draft PR(s)`;
}
