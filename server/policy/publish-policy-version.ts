// Moving a version towards enforcement. Shadow decides alongside the active version without
// enforcing anything; activation waits for a second policy admin (the approvals issue will carry
// this request). Both need the version's tests to pass against today's effective policy.
import type { z } from "zod";
import { AppError } from "../core/app-error";
import type { OpContext } from "../core/op-context";
import { checkDraft } from "./check-draft";
import { loadPolicySets, versionLabel } from "./load-policy-sets";
import { requestApproval } from "../approvals/request-approval";
import type { ApprovalSummary } from "../approvals/approval-view";
import { PLATFORM_SCOPE } from "./policy-scope";
import type { ZRequestActivation } from "./policy-input";
import { findDocument, findVersion, lockDocument } from "./policy-lookup";

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
  const doc = await findDocument(ctx, documentId);
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

export async function requestPolicyActivation(ctx: OpContext, documentId: string, number: number, input: z.infer<typeof ZRequestActivation>): Promise<ApprovalSummary> {
  const doc = await findDocument(ctx, documentId);
  await lockDocument(ctx.tx, documentId);
  const v = await findVersion(ctx, documentId, number);
  if (v.state !== "draft" && v.state !== "shadow") throw new AppError("conflict", `version ${number} is ${v.state}; only a draft or shadow version can be activated`);
  const pending = await ctx.tx.approvalRequest.findFirst({
    where: { tenantId: ctx.scope.tenant.id, subjectType: "policy_version", state: "pending", subjectId: { in: (await ctx.tx.policyVersion.findMany({ where: { documentId }, select: { id: true } })).map((x) => x.id) } },
    select: { title: true, requesterLabel: true, subjectId: true },
  });
  if (pending && pending.subjectId !== v.id) throw new AppError("conflict", `another version is already waiting for activation (${pending.title}, requested by ${pending.requesterLabel})`);
  await assertPublishable(ctx, doc, v);
  const active = await ctx.tx.policyVersion.findFirst({ where: { documentId, state: "active" }, select: { number: true, content: true } });
  const platform = doc.scopeKey === PLATFORM_SCOPE;
  const summary = await requestApproval(ctx, {
    // Platform documents govern every tenant: their activation is decided by platform admins.
    kind: platform ? "platform_policy_activation" : "policy_activation",
    subjectType: "policy_version", subjectId: v.id, action: "activate",
    title: `Activate ${doc.name} ${versionLabel(number)}`,
    proposal: {
      policy: doc.name, level: doc.level, target: doc.target, version: versionLabel(number), message: v.message, note: input.note ?? null,
      replaces: active ? versionLabel(active.number) : null, diff: lineDiffSummary(active?.content ?? "", v.content), content: v.content,
    },
    risk: platform ? "high" : doc.level === "tenant" ? "medium" : "low",
    contextKey: `policy:${doc.id}`,
    subjectAuthor: { id: v.authorId, label: v.authorLabel },
  });
  await ctx.audit({
    action: "policy.activation.request", resourceType: "policy", resourceId: documentId,
    after: { policy: doc.name, version: versionLabel(number), approval: summary.id, note: input.note ?? null },
  });
  return summary;
}

/** Lines added and removed, by content (enough to say how big a change is). */
function lineDiffSummary(before: string, after: string): { added: number; removed: number } {
  const count = (lines: string[]) => lines.reduce((m, l) => m.set(l, (m.get(l) ?? 0) + 1), new Map<string, number>());
  const a = count(before ? before.split("\n") : []);
  const b = count(after.split("\n"));
  let added = 0;
  let removed = 0;
  for (const [l, n] of b) added += Math.max(0, n - (a.get(l) ?? 0));
  for (const [l, n] of a) removed += Math.max(0, n - (b.get(l) ?? 0));
  return { added, removed };
}
