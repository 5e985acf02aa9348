// POST /api/github/webhooks: GitHub's deliveries in. GitHub is authenticated by the signature alone
// (X-Hub-Signature-256: HMAC-SHA256 of the raw body with GITHUB_WEBHOOK_SECRET, compared in constant
// time by @octokit/webhooks), never by a session, so this is no tenant's route. The delivery is stored
// (unique on X-GitHub-Delivery: a redelivery keeps its id and is stored once) before the answer, and a
// job carrying only that id applies it: GitHub wants an answer within 10 s and never retries by itself.
//
// Refused, with nothing stored: no App configured (404), a body over the limit (413), a missing or wrong
// signature (401), a body that is not JSON (415), missing or malformed X-GitHub-Event / X-GitHub-Delivery,
// JSON that does not parse or is not an object (400). Anything signed and well-formed is stored and
// answered 202; what its event needs is checked when it is processed, where a payload that lacks it, an
// unknown event and an unknown or unbound installation are marked ignored with the reason (so they are
// counted on the GithubDelivery rows, and never change anything).
import { Webhooks } from "@octokit/webhooks";
import { z } from "zod";
import { AppError } from "../../core/app-error";
import { db, Prisma } from "../../db/client";
import { env } from "../../env";
import { readBodyText } from "../../http/parse-input";
import { enqueue } from "../../jobs/enqueue";
import { logger } from "../../log/logger";
import { processDeliveryJob, ZDeliveryId } from "./delivery-job";

/** GitHub caps a payload at 25 MB; what Fleetgate handles (pull requests, reviews, pushes, checks) is far smaller. */
export const MAX_DELIVERY_BYTES = 2 * 1024 * 1024;
/** How long the answer waits for Redis: a delivery not enqueued by then is enqueued by requeue-deliveries.ts. */
const ENQUEUE_WAIT_MS = 2_000;

const ZEvent = z.string().regex(/^[a-z][a-z_]{0,63}$/, "must be a GitHub event name");

export type ReceivedDelivery = { received: true; deliveryId: string; event: string; duplicate: boolean };

let verifier: { secret: string; webhooks: Webhooks } | undefined;
const webhooksFor = (secret: string) => {
  if (verifier?.secret !== secret) verifier = { secret, webhooks: new Webhooks({ secret }) };
  return verifier.webhooks;
};

const unauthenticated = (message: string) => new AppError("unauthenticated", message);
const badRequest = (message: string) => new AppError("bad_request", message);

export async function receiveDelivery(req: Request): Promise<{ status: number; body: ReceivedDelivery }> {
  const e = env();
  const secret = e.GITHUB_WEBHOOK_SECRET;
  if (e.GITHUB_APP_ID === undefined || !secret) {
    throw new AppError("not_found", "no GitHub App is configured here (GITHUB_APP_ID, GITHUB_APP_PRIVATE_KEY_FILE, GITHUB_WEBHOOK_SECRET), so GitHub webhooks are not taken");
  }
  const raw = await readBodyText(req, MAX_DELIVERY_BYTES);
  const signature = req.headers.get("x-hub-signature-256")?.trim();
  if (!signature) throw unauthenticated("the delivery has no X-Hub-Signature-256 header: set a webhook secret on the GitHub App");
  if (!raw || !(await webhooksFor(secret).verify(raw, signature))) {
    throw unauthenticated("the X-Hub-Signature-256 signature does not match the body signed with GITHUB_WEBHOOK_SECRET");
  }
  if (!/^application\/json\b/i.test(req.headers.get("content-type") ?? "")) {
    throw new AppError("unsupported_media_type", "the delivery is not JSON: set the GitHub App's webhook content type to application/json");
  }
  const event = ZEvent.safeParse(req.headers.get("x-github-event") ?? undefined);
  if (!event.success) throw badRequest("the X-GitHub-Event header is missing or not an event name");
  const deliveryId = ZDeliveryId.safeParse(req.headers.get("x-github-delivery") ?? undefined);
  if (!deliveryId.success) throw badRequest("the X-GitHub-Delivery header is missing or not a delivery GUID");

  let payload: unknown;
  try {
    payload = JSON.parse(raw);
  } catch (err) {
    throw badRequest(`the delivery's body is not valid JSON: ${(err as Error).message}`);
  }
  if (!payload || typeof payload !== "object" || Array.isArray(payload)) throw badRequest("the delivery's body is not a JSON object");
  const fields = payload as { action?: unknown; installation?: { id?: unknown } | null };
  const installationId = fields.installation?.id;

  let stored: number;
  try {
    const row = await db.githubDelivery.createMany({
      data: [{
        deliveryId: deliveryId.data, event: event.data,
        action: typeof fields.action === "string" ? fields.action.slice(0, 100) : null,
        githubInstallationId: Number.isSafeInteger(installationId) && (installationId as number) > 0 ? BigInt(installationId as number) : null,
        payload: withoutNul(payload) as Prisma.InputJsonObject,
      }],
      skipDuplicates: true,
    });
    stored = row.count;
  } catch (err) {
    logger.error("a GitHub delivery could not be stored", { deliveryId: deliveryId.data, event: event.data, error: (err as Error).message.split("\n")[0] });
    throw new AppError("unavailable", "the delivery could not be stored now; redeliver it from the GitHub App's advanced settings");
  }
  await enqueueSoon(deliveryId.data);
  logger.debug("GitHub delivery received", { deliveryId: deliveryId.data, event: event.data, duplicate: stored === 0 });
  return { status: 202, body: { received: true, deliveryId: deliveryId.data, event: event.data, duplicate: stored === 0 } };
}

/** Enqueued once per delivery id (a redelivery of one still waiting adds nothing); never holds the answer long. */
async function enqueueSoon(deliveryId: string): Promise<void> {
  const queued = enqueue(processDeliveryJob, { deliveryId }, { jobId: deliveryId }).then(
    () => undefined,
    (err: Error) => logger.warn("GitHub delivery not enqueued; requeue-deliveries will", { deliveryId, error: err.message.split("\n")[0] }),
  );
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([queued, new Promise<void>((resolve) => (timer = setTimeout(resolve, ENQUEUE_WAIT_MS)))]);
  clearTimeout(timer);
}

/** PostgreSQL's jsonb holds no NUL character: one in a string (a comment's body) becomes U+FFFD. */
function withoutNul(value: unknown): unknown {
  if (typeof value === "string") return value.includes("\u0000") ? value.replaceAll("\u0000", "\uFFFD") : value;
  if (Array.isArray(value)) return value.map(withoutNul);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [withoutNul(k) as string, withoutNul(v)]));
  return value;
}
