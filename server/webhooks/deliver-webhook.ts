// Sends one delivery: the job carries its id only; the row says what to send and whether it still
// needs sending. The row is locked while it is sent, so a redelivery, a reconciler's copy or a
// retry running at the same moment skips it, and a delivered or failed one is never sent again.
// Each attempt updates the log (attempts, status, error, time); a failed attempt is thrown so
// BullMQ retries it with its backoff, until MAX_ATTEMPTS, when the delivery is marked failed.
import { db } from "../db/client";
import { logger } from "../log/logger";
import { redactString } from "../redaction/redact";
import { DELIVERY_TIMEOUT_MS, MAX_ATTEMPTS } from "./events";
import { postWebhook, type PostResult } from "./post-webhook";
import { openSecret, SecretBoxError } from "./secret-box";
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signatureHeader } from "./signature";
import { loopbackAllowed } from "./url-policy";

export type DeliverOutcome =
  | { outcome: "missing" | "busy" }
  | { outcome: "delivered" | "failed" | "retry"; attempts: number; status: number | null; error: string | null }
  | { outcome: "done"; state: string };

export async function deliverWebhook(deliveryId: string): Promise<DeliverOutcome> {
  return db.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "WebhookDelivery" WHERE id = ${deliveryId} FOR UPDATE SKIP LOCKED`;
    if (locked.length === 0) {
      const exists = await tx.webhookDelivery.findUnique({ where: { id: deliveryId }, select: { id: true } });
      return { outcome: exists ? "busy" : "missing" } as const;
    }
    const d = await tx.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId }, include: { endpoint: true } });
    if (d.state !== "pending") return { outcome: "done", state: d.state } as const;
    const attempts = d.attempts + 1;
    let result: PostResult;
    if (!d.endpoint.enabled) {
      result = { ok: false, status: null, error: "the webhook is disabled; enable it and redeliver", final: true };
    } else {
      let secret: string | null = null;
      try {
        secret = openSecret(d.endpoint.secretEncrypted, d.tenantId);
      } catch (e) {
        if (!(e instanceof SecretBoxError)) throw e;
        // Retried: a worker started with another NEXTAUTH_SECRET than the web (a deployment in
        // progress) must not end the delivery; if it stays so, it fails after the last attempt.
        result = { ok: false, status: null, error: e.message };
      }
      if (secret !== null) {
        // The stored payload, byte for byte the same on every attempt; the signature covers these bytes.
        const body = JSON.stringify(d.payload);
        result = await postWebhook(d.endpoint.url, body, {
          [SIGNATURE_HEADER]: signatureHeader(secret, body),
          [EVENT_HEADER]: d.event,
          [DELIVERY_HEADER]: d.id,
          "X-Fleetgate-Attempt": String(attempts),
        }, { timeoutMs: DELIVERY_TIMEOUT_MS, allowLoopback: loopbackAllowed() });
      }
    }
    const r = result!;
    const state = r.ok ? "delivered" : r.final || attempts >= MAX_ATTEMPTS ? "failed" : "pending";
    const error = r.error ? redactString(r.error, {}).slice(0, 600) : null;
    const now = new Date();
    await tx.webhookDelivery.update({
      where: { id: d.id },
      data: { attempts, state, lastStatus: r.status, lastError: error, lastAttemptAt: now, deliveredAt: r.ok ? now : null },
    });
    if (!r.ok) {
      // Ids and the receiver's answer only: the URL's path may be a credential.
      logger.warn("webhook delivery attempt failed", { deliveryId: d.id, endpointId: d.endpointId, event: d.event, attempt: attempts, status: r.status, error, final: state === "failed" });
    }
    return { outcome: state === "pending" ? "retry" : state, attempts, status: r.status, error } as const;
  }, { timeout: DELIVERY_TIMEOUT_MS + 10_000 });
}

/** One attempt as the delivery job makes it: thrown so BullMQ schedules the next attempt with its backoff (the log already has this one). */
export async function attemptDelivery({ deliveryId, early }: { deliveryId: string; early?: boolean }): Promise<DeliverOutcome> {
  const r = await deliverWebhook(deliveryId);
  if (r.outcome === "missing" && early) throw new Error(`delivery ${deliveryId} is not committed yet`);
  if (r.outcome === "retry") throw new Error(`delivery ${deliveryId} attempt ${r.attempts} failed: ${r.error}`);
  return r;
}
