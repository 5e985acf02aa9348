// Turns approval events into webhook deliveries, inside the caller's transaction (so a request that
// rolls back sends nothing). No flood: while the tenant has more pending requests than an endpoint's
// digestThreshold, that endpoint gets one approval.digest at most every 15 minutes instead of an
// approval.requested per request. The caller enqueues the returned delivery ids.
import type { Tx } from "../db/client";
import type { ApprovalRequest } from "../db/generated/client";
import { redact } from "../redaction/redact";
import { dbNow } from "../approvals/approval-reads";
import { DIGEST_WINDOW_MS, type DeliveryEvent } from "./events";
import { decidedPayload, digestPayload, requestedPayload, type WebhookPayload } from "./payload";

const DIGEST_SAMPLE = 5;

export async function createDelivery(tx: Tx, tenantId: string, endpointId: string, event: DeliveryEvent, payload: WebhookPayload): Promise<string> {
  // Titles and reasons come from people and agents: nothing that looks like a credential leaves.
  const row = await tx.webhookDelivery.create({ data: { tenantId, endpointId, event, payload: redact(payload) as object }, select: { id: true } });
  return row.id;
}

export async function emitApprovalRequested(tx: Tx, tenantSlug: string, r: ApprovalRequest): Promise<string[]> {
  const endpoints = await tx.webhookEndpoint.findMany({
    where: { tenantId: r.tenantId, enabled: true, events: { hasSome: ["approval.requested", "approval.digest"] } },
    select: { id: true, events: true, digestThreshold: true }, orderBy: { createdAt: "asc" },
  });
  if (endpoints.length === 0) return [];
  const now = await dbNow(tx);
  const pending = await tx.approvalRequest.count({ where: { tenantId: r.tenantId, state: "pending", expiresAt: { gt: now } } });
  const ids: string[] = [];
  for (const e of endpoints) {
    if (pending > e.digestThreshold) {
      const id = await digestFor(tx, tenantSlug, r.tenantId, e, pending, now);
      if (id) ids.push(id);
    } else if (e.events.includes("approval.requested")) {
      ids.push(await createDelivery(tx, r.tenantId, e.id, "approval.requested", requestedPayload(tenantSlug, r)));
    }
  }
  return ids;
}

async function digestFor(tx: Tx, tenantSlug: string, tenantId: string, e: { id: string; digestThreshold: number }, pending: number, now: Date): Promise<string | null> {
  // Two requests raised at once must not both send a digest: they queue on this lock, and the
  // second sees the first one's digest once it has committed.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`webhook-digest:${e.id}`}))`;
  const recent = await tx.webhookDelivery.findFirst({
    where: { endpointId: e.id, event: "approval.digest", createdAt: { gt: new Date(now.getTime() - DIGEST_WINDOW_MS) } }, select: { id: true },
  });
  if (recent) return null;
  const urgent = await tx.approvalRequest.findMany({
    where: { tenantId, state: "pending", expiresAt: { gt: now } }, orderBy: [{ expiresAt: "asc" }, { id: "asc" }], take: DIGEST_SAMPLE,
  });
  return createDelivery(tx, tenantId, e.id, "approval.digest", digestPayload(tenantSlug, pending, e.digestThreshold, urgent, now));
}

/** A request reached its end (approved, denied, expired, cancelled). */
export async function emitApprovalDecided(tx: Tx, tenantSlug: string, r: ApprovalRequest): Promise<string[]> {
  const endpoints = await tx.webhookEndpoint.findMany({
    where: { tenantId: r.tenantId, enabled: true, events: { has: "approval.decided" } }, select: { id: true }, orderBy: { createdAt: "asc" },
  });
  const ids: string[] = [];
  for (const e of endpoints) ids.push(await createDelivery(tx, r.tenantId, e.id, "approval.decided", decidedPayload(tenantSlug, r)));
  return ids;
}

