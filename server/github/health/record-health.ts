// Writes one step of a changeset's post-merge health in the caller's transaction: the move between
// health states as a conditional update (only from the states given, so two passes that reach the same
// verdict record it once), a `health` event on its timeline, its audit event, and, for what a person
// should know (not reverted, a revert opened or refused), a notification to whoever asked for the task
// and the campaign's owner. Audit events are the caller's to append last when it has an audit queue.
import { appendAuditEvent, type AuditInput } from "../../audit/append-event";
import type { Tx } from "../../db/client";
import type { Prisma } from "../../db/generated/client";
import { runPath } from "../../notifications/console-url";
import { redactString } from "../../redaction/redact";
import { appendChangesetEvent } from "../changesets/changeset-transitions";

export const HEALTH_STATES = ["watching", "reverting", "awaiting_approval", "reverted", "passed", "unverified", "not_reverted"] as const;
export type HealthState = (typeof HEALTH_STATES)[number];

export type HealthStep = {
  from: readonly HealthState[];
  to: HealthState;
  reason: string;
  /** The audit action (changeset.health_<to> unless said). */
  action?: string;
  set?: Prisma.ChangesetUpdateManyMutationInput;
  data?: Record<string, unknown>;
  notify?: { title: string };
  /** Where the audit event goes: appended now as the system (default), or to the caller's queue. */
  audit?: (e: Omit<AuditInput, "tenantId" | "actorType">) => Promise<void>;
};

/** A reason as stored and shown: it quotes commit titles people wrote, so it is redacted like any event. */
export const healthReason = (reason: string) => redactString(reason, {}).slice(0, 2000);

/** Answers false (nothing written) when the changeset's health is no longer in one of `from`. */
export async function recordHealth(tx: Tx, cs: { id: string; tenantId: string }, step: HealthStep): Promise<boolean> {
  const moved = await tx.changeset.updateMany({
    where: { id: cs.id, tenantId: cs.tenantId, healthState: { in: [...step.from] } },
    data: { ...step.set, healthState: step.to, healthReason: healthReason(step.reason), healthCheckedAt: new Date() },
  });
  if (!moved.count) return false;
  await appendChangesetEvent(tx, cs, { kind: "health", message: step.reason, data: { health: step.to, ...step.data } });
  if (step.notify) await notifyHealth(tx, cs, step.to, step.notify.title, step.reason);
  const event = { action: step.action ?? `changeset.health_${step.to}`, resourceType: "changeset", resourceId: cs.id, decision: "success" as const, after: { health: step.to, reason: step.reason, ...step.data } };
  if (step.audit) await step.audit(event);
  else await appendAuditEvent(tx, { tenantId: cs.tenantId, actorType: "system", actorLabel: "worker", ...event });
  return true;
}

async function notifyHealth(tx: Tx, cs: { id: string; tenantId: string }, to: HealthState, title: string, body: string) {
  const row = await tx.changeset.findFirstOrThrow({
    where: { id: cs.id, tenantId: cs.tenantId },
    select: { runId: true, tenant: { select: { slug: true } }, taskId: true, campaignId: true },
  });
  const [task, campaign] = await Promise.all([
    tx.task.findFirst({ where: { id: row.taskId, tenantId: cs.tenantId }, select: { requesterId: true } }),
    row.campaignId ? tx.campaign.findFirst({ where: { id: row.campaignId, tenantId: cs.tenantId }, select: { ownerId: true } }) : null,
  ]);
  const people = [...new Set([task?.requesterId, campaign?.ownerId].filter((u): u is string => !!u))];
  if (!people.length) return;
  await tx.notification.createMany({
    data: people.map((userId) => ({
      tenantId: cs.tenantId, userId, kind: `changeset.health_${to}`, title: title.slice(0, 300), body: healthReason(body),
      link: `${runPath(row.tenant.slug, row.runId)}#pull-request`, dedupeKey: `changeset.health_${to}:${cs.id}`,
    })),
    skipDuplicates: true,
  });
}
