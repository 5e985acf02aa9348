// Moving a version towards enforcement. Shadow decides alongside the active version without
// enforcing anything; activation waits for a second policy admin (the approvals issue will carry
// this request). Both need the version's tests to pass against today's effective policy.
import { z } from "zod";
import { actorLabel } from "../authz/scope";
import { AppError } from "../http/app-error";
import type { OpContext } from "../http/with-authz";
import { checkDraft } from "./check-draft";
import { loadPolicySets, versionLabel } from "./load-policy-sets";
import { findDocument, findVersion, lockDocument, requestSelect, requestView, type ZPublishRequest } from "./policy-view";

export const ZRequestActivation = z.object({ note: z.string().trim().max(500).optional() }).strict();

type Doc = Awaited<ReturnType<typeof findDocument>>;
type Version = Awaited<ReturnType<typeof findVersion>>;

/** The version re-checked against the policy in effect now: another document may have changed since it was saved. */
export async function assertPublishable(ctx: OpContext, doc: Doc, v: Version): Promise<void> {
  const sets = await loadPolicySets(ctx.tx, ctx.scope.tenant.id);
  const check = checkDraft({ content: v.content, tests: v.tests, others: sets.active.documents, identity: doc, version: versionLabel(v.number) });
  if (check.problems.length) {
    throw new AppError("validation_failed", `version ${v.number} no longer validates: ${check.problems[0]!.message}`, { problems: check.problems });
  }
  const failed = check.tests.filter((t) => !t.passed);
  if (failed.length) {
    throw new AppError("validation_failed", `version ${v.number} cannot be published: ${failed.length} test(s) fail, first "${failed[0]!.name}": ${failed[0]!.detail}`);
  }
}

export async function shadowPolicyVersion(ctx: OpContext, documentId: string, number: number) {
  const doc = await findDocument(ctx, documentId, { forChange: true });
  await lockDocument(ctx.tx, documentId);
  const v = await findVersion(ctx, documentId, number);
  if (v.state !== "draft") throw new AppError("conflict", `version ${number} is ${v.state}; only a draft can go into shadow`);
  await assertPublishable(ctx, doc, v);
  const replaced = await ctx.tx.policyVersion.updateManyAndReturn({
    where: { documentId, state: "shadow" }, data: { state: "retired", stateAt: new Date() }, select: { number: true },
  });
  await ctx.tx.policyVersion.update({ where: { id: v.id }, data: { state: "shadow", stateAt: new Date() } });
  await ctx.audit({
    action: "policy.version.shadow", resourceType: "policy", resourceId: documentId,
    after: { policy: doc.name, version: versionLabel(number), replacedShadow: replaced.map((r) => versionLabel(r.number)) },
  });
  return { documentId, number, state: "shadow" as const };
}

export async function requestPolicyActivation(ctx: OpContext, documentId: string, number: number, input: z.infer<typeof ZRequestActivation>): Promise<z.infer<typeof ZPublishRequest>> {
  const doc = await findDocument(ctx, documentId, { forChange: true });
  await lockDocument(ctx.tx, documentId);
  const v = await findVersion(ctx, documentId, number);
  if (v.state !== "draft" && v.state !== "shadow") throw new AppError("conflict", `version ${number} is ${v.state}; only a draft or shadow version can be activated`);
  const pending = await ctx.tx.policyPublishRequest.findFirst({ where: { version: { documentId }, state: "pending" }, select: requestSelect });
  if (pending) throw new AppError("conflict", `version ${pending.version.number} is already waiting for activation (requested by ${pending.requestedByLabel})`);
  await assertPublishable(ctx, doc, v);
  const actor = ctx.scope.actor;
  const req = await ctx.tx.policyPublishRequest.create({
    data: {
      versionId: v.id, scopeKey: doc.scopeKey, requestedById: actor.kind === "user" ? actor.id : actor.userId,
      requestedByLabel: actorLabel(actor), reason: input.note ?? null,
    },
    select: requestSelect,
  });
  await ctx.audit({
    action: "policy.activation.request", resourceType: "policy", resourceId: documentId,
    after: { policy: doc.name, version: versionLabel(number), requestId: req.id, note: input.note ?? null },
  });
  return requestView(req);
}
