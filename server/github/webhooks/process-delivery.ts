// Applies one stored GitHub delivery, once: its row is locked and its effects and outcome are written
// in one transaction, so a duplicate job or a redelivery (same X-GitHub-Delivery, one row) finds it
// processed and changes nothing. The outcome (applied, ignored, failed) and its reason stay on the row:
// unknown events, unknown or unbound installations and payloads lacking what their event needs are
// ignored with the reason, and so counted. A handler that throws is retried by the job; after its
// last attempt the delivery is marked failed.
import type { z } from "zod";
import { db } from "../../db/client";
import type { JobMeta } from "../../jobs/define-job";
import { logger } from "../../log/logger";
import { appBotLogin } from "../app-bot-login";
import { ignored, type DeliveryContext, type DeliveryHandler, type InstallationRef, type Outcome } from "./delivery-handler";
import { DELIVERY_HANDLERS } from "./delivery-handlers";
import { DELIVERY_ATTEMPTS } from "./delivery-job";

const REASON_MAX = 1_000;

export type Processed = { outcome: "applied" | "ignored" | "failed"; reason: string; duplicate?: boolean };

const issuesOf = (e: z.ZodError) => e.issues.slice(0, 5).map((i) => `${i.path.join(".") || "payload"} ${i.message}`).join("; ");

/** Why a tenant's handler may not run for this installation, or null when it may. */
function unbound(installation: (InstallationRef & { suspendedAt: Date | null; deletedAt: Date | null }) | null, githubId: bigint | null): string | null {
  if (githubId === null) return "the delivery names no installation";
  if (!installation || !installation.tenantId) return `installation ${githubId} is not bound to a tenant`;
  if (installation.deletedAt) return `installation ${githubId} was deleted`;
  if (installation.suspendedAt) return `installation ${githubId} is suspended`;
  return null;
}

export async function processDelivery(deliveryId: string, meta?: JobMeta): Promise<Processed | null> {
  const row = await db.githubDelivery.findUnique({
    where: { deliveryId },
    select: { event: true, action: true, githubInstallationId: true, payload: true, receivedAt: true, processedAt: true, outcome: true, reason: true },
  });
  if (!row) {
    logger.warn("GitHub delivery to process not found", { deliveryId });
    return null;
  }
  if (row.processedAt) return { outcome: row.outcome as Processed["outcome"], reason: row.reason ?? "", duplicate: true };

  const installation = row.githubInstallationId === null ? null : await db.githubInstallation.findUnique({
    where: { githubId: row.githubInstallationId }, select: { id: true, githubId: true, tenantId: true, suspendedAt: true, deletedAt: true },
  });
  const handler: DeliveryHandler | undefined = DELIVERY_HANDLERS[row.event];
  const refusal = !handler
    ? `no handler for ${row.event} events`
    : handler.scope === "tenant" ? unbound(installation, row.githubInstallationId) : null;
  try {
    // Asked before the transaction (once per process): no GitHub call is made while rows are locked.
    const appBot = handler?.scope === "tenant" && !refusal ? await appBotLogin() : null;
    const after: (() => Promise<unknown>)[] = [];
    const result = await db.$transaction(async (tx) => {
      after.length = 0;
      const [locked] = await tx.$queryRaw<{ processedAt: Date | null; outcome: string | null; reason: string | null }[]>`
        SELECT "processedAt", outcome, reason FROM "GithubDelivery" WHERE "deliveryId" = ${deliveryId} FOR UPDATE`;
      if (locked?.processedAt) return { outcome: locked.outcome as Processed["outcome"], reason: locked.reason ?? "", duplicate: true };
      const ctx: DeliveryContext = { tx, deliveryId, event: row.event, action: row.action, receivedAt: row.receivedAt, installation, afterCommit: (fn) => void after.push(fn) };
      let outcome: Outcome;
      if (refusal || !handler) outcome = ignored(refusal ?? `no handler for ${row.event} events`);
      else {
        const parsed = handler.schema.safeParse(row.payload);
        if (!parsed.success) outcome = ignored(`the ${row.event} payload lacks what Fleetgate needs: ${issuesOf(parsed.error)}`);
        else if (handler.scope === "app") outcome = await handler.handle(ctx, parsed.data);
        else outcome = await handler.handle({ ...ctx, tenantId: installation!.tenantId!, installation: { ...installation!, tenantId: installation!.tenantId! }, appBot: appBot! }, parsed.data);
      }
      await tx.githubDelivery.update({
        where: { deliveryId },
        data: { processedAt: new Date(), outcome: outcome.outcome, reason: outcome.reason.slice(0, REASON_MAX), tenantId: installation?.tenantId ?? null },
      });
      return outcome;
    }, { timeout: 30_000 });
    // What it enqueues is found again from PostgreSQL if this fails (each such job has its reconciler).
    for (const fn of after) await fn().catch((e: Error) => logger.error("after-commit step of a GitHub delivery failed", { deliveryId, error: e.message }));
    logger.debug("GitHub delivery processed", { deliveryId, event: row.event, action: row.action, outcome: result.outcome, reason: result.reason });
    return result;
  } catch (err) {
    const message = (err as Error).message.split("\n")[0]!.slice(0, 500);
    const last = (meta?.attempt ?? DELIVERY_ATTEMPTS) >= DELIVERY_ATTEMPTS;
    await db.githubDelivery.updateMany({
      where: { deliveryId, processedAt: null },
      data: { outcome: "failed", reason: `${last ? "failed" : `attempt ${meta?.attempt ?? 1} failed`}: ${message}`.slice(0, REASON_MAX), tenantId: installation?.tenantId ?? null, ...(last ? { processedAt: new Date() } : {}) },
    });
    logger.warn("GitHub delivery not applied", { deliveryId, event: row.event, error: message, willRetry: !last });
    if (!last) throw err;
    return { outcome: "failed", reason: message };
  }
}
