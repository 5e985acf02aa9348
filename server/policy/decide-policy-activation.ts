// The second policy admin's decision on an activation request. Separation of duties: whoever asked
// for the activation or wrote the version cannot approve it. Exactly one decision wins a race: the
// request row is claimed with a conditional update, and a late click is refused with who decided.
import { z } from "zod";
import { actorLabel } from "../authz/scope";
import { AppError } from "../http/app-error";
import type { OpContext } from "../http/with-authz";
import { versionLabel } from "./load-policy-sets";
import { findDocument, findVersion, lockDocument, requestSelect, requestView, type ZPublishRequest } from "./policy-view";
import { assertPublishable } from "./publish-policy-version";

export const ZDecideActivation = z.discriminatedUnion("decision", [
  z.object({ decision: z.literal("approve"), reason: z.string().trim().max(500).optional() }).strict(),
  z.object({ decision: z.literal("reject"), reason: z.string().trim().min(1, "say why the version is rejected").max(500) }).strict(),
  z.object({ decision: z.literal("cancel"), reason: z.string().trim().max(500).optional() }).strict(),
]);

const STATE = { approve: "approved", reject: "rejected", cancel: "cancelled" } as const;

export async function decidePolicyActivation(ctx: OpContext, documentId: string, requestId: string, input: z.infer<typeof ZDecideActivation>): Promise<z.infer<typeof ZPublishRequest>> {
  const doc = await findDocument(ctx, documentId, { forChange: true });
  const req = await ctx.tx.policyPublishRequest.findFirst({
    where: { id: requestId, version: { documentId } },
    select: { ...requestSelect, requestedById: true, decidedAt: true, version: { select: { id: true, number: true, authorId: true, authorLabel: true } } },
  });
  if (!req) throw new AppError("not_found", "activation request not found");
  const actor = ctx.scope.actor;
  const me = actor.kind === "user" ? actor.id : actor.userId;
  if (input.decision === "cancel") {
    if (req.requestedById !== me) throw new AppError("forbidden", "only the person who requested the activation can withdraw it");
  } else if (req.requestedById === me) {
    throw new AppError("forbidden", "separation of duties: you requested this activation; another policy admin must decide it");
  } else if (req.version.authorId === me) {
    throw new AppError("forbidden", "separation of duties: you wrote this version; another policy admin must decide it");
  }

  // Other documents may have changed since the request: what becomes active must still pass.
  if (input.decision === "approve") await assertPublishable(ctx, doc, await findVersion(ctx, documentId, req.version.number));

  const state = STATE[input.decision];
  const claimed = await ctx.tx.policyPublishRequest.updateMany({
    where: { id: requestId, state: "pending" },
    data: { state, decidedById: me, decidedByLabel: actorLabel(actor), decidedAt: new Date(), reason: input.reason ?? req.reason },
  });
  if (claimed.count === 0) {
    const now = await ctx.tx.policyPublishRequest.findUniqueOrThrow({ where: { id: requestId }, select: { state: true, decidedByLabel: true } });
    throw new AppError("conflict", `this request is already ${now.state}${now.decidedByLabel ? ` by ${now.decidedByLabel}` : ""}`);
  }

  let retired: number[] = [];
  if (state === "approved") {
    await lockDocument(ctx.tx, documentId);
    const old = await ctx.tx.policyVersion.updateManyAndReturn({
      where: { documentId, state: "active", id: { not: req.version.id } }, data: { state: "retired", stateAt: new Date() }, select: { number: true },
    });
    retired = old.map((o) => o.number);
    const moved = await ctx.tx.policyVersion.updateMany({ where: { id: req.version.id, state: { in: ["draft", "shadow"] } }, data: { state: "active", stateAt: new Date() } });
    if (moved.count === 0) throw new AppError("conflict", `version ${req.version.number} is no longer a draft or shadow version`);
  }
  await ctx.audit({
    action: "policy.activation.decide", resourceType: "policy", resourceId: documentId, decision: "success",
    after: {
      decision: input.decision, policy: doc.name, version: versionLabel(req.version.number), requestId, requestedBy: req.requestedByLabel,
      reason: input.reason ?? null, ...(state === "approved" ? { retired: retired.map(versionLabel) } : {}),
    },
  });
  const done = await ctx.tx.policyPublishRequest.findUniqueOrThrow({ where: { id: requestId }, select: requestSelect });
  return requestView(done);
}
