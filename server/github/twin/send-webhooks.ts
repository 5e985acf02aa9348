// Webhook deliveries as GitHub sends them: one POST per event to the app's webhook URL, signed
// with the secret (X-Hub-Signature-256), with GitHub's headers. Every delivery is stored first
// (so a dropped or failed one can be redelivered with the same X-GitHub-Delivery) and sent in
// order; GitHub does not retry on its own, neither does the twin. Like GitHub, which keeps deliveries
// for a few days, the twin keeps the most recent ones only (its state is written whole after each).
import { createHmac, randomUUID } from "node:crypto";
import type { TwinObserver } from "./twin-context";
import type { FaultPlan } from "./fault-plan";
import type { TwinStore } from "./twin-store";
import type { TwinDelivery } from "./twin-types";

export type WebhookSender = {
  emit(event: string, payload: Record<string, unknown>, scope: { installationId: number | null; repositoryId: number | null }): TwinDelivery;
  redeliver(deliveryId: number): Promise<TwinDelivery | null>;
  /** Resolves when every delivery emitted so far has been attempted. */
  idle(): Promise<void>;
};

const KEPT_DELIVERIES = 1_000;

export const signWebhook = (secret: string, body: string) => `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;

export function makeWebhookSender(store: TwinStore, options: { url?: string; secret: string; faults: FaultPlan; timeoutMs?: number; observe?: TwinObserver }): WebhookSender {
  let tail: Promise<void> = Promise.resolve();
  if (!store.data.meta.hookId) store.data.meta.hookId = store.nextId();

  const attempt = async (d: TwinDelivery, redelivery: boolean) => {
    const at = new Date().toISOString();
    if (!options.url) {
      d.attempts.push({ at, statusCode: null, error: "no webhook URL configured", redelivery });
      return;
    }
    const body = JSON.stringify(d.payload);
    try {
      const res = await fetch(options.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "user-agent": "GitHub-Hookshot/twin",
          "x-github-event": d.event,
          "x-github-delivery": d.guid,
          "x-github-hook-id": String(store.data.meta.hookId),
          "x-github-hook-installation-target-id": String(store.data.app?.id ?? 0),
          "x-github-hook-installation-target-type": "integration",
          "x-hub-signature": `sha1=${createHmac("sha1", options.secret).update(body).digest("hex")}`,
          "x-hub-signature-256": signWebhook(options.secret, body),
        },
        body,
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      await res.arrayBuffer().catch(() => undefined);
      d.attempts.push({ at, statusCode: res.status, error: null, redelivery });
    } catch (e) {
      d.attempts.push({ at, statusCode: null, error: (e as Error).message, redelivery });
    }
  };

  const enqueue = (d: TwinDelivery, fn: () => Promise<void>) => {
    const run = tail.then(fn).then(() => store.saveDelivery(d));
    tail = run.catch(() => undefined);
    return run;
  };

  return {
    emit(event, payload, scope) {
      const full = {
        ...payload,
        ...(scope.installationId !== null ? { installation: { id: scope.installationId, node_id: Buffer.from(`Installation:${scope.installationId}`).toString("base64url") } } : {}),
      };
      const d: TwinDelivery = {
        id: store.nextId(),
        guid: randomUUID(),
        event,
        action: typeof payload.action === "string" ? payload.action : null,
        installationId: scope.installationId,
        repositoryId: scope.repositoryId,
        payload: full,
        deliveredAt: new Date().toISOString(),
        dropped: options.faults.takeWebhookDrop(),
        attempts: [],
      };
      options.observe?.webhook?.(event, full);
      store.data.deliveries.push(d);
      if (store.data.deliveries.length > KEPT_DELIVERIES) store.data.deliveries.splice(0, store.data.deliveries.length - KEPT_DELIVERIES);
      void enqueue(d, async () => {
        if (!d.dropped) await attempt(d, false);
      });
      return d;
    },
    async redeliver(id) {
      const d = store.data.deliveries.find((x) => x.id === id);
      if (!d) return null;
      await enqueue(d, () => attempt(d, true));
      return d;
    },
    idle: () => tail,
  };
}
