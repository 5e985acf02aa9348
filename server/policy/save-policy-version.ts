// Saving a draft: a new immutable version (state draft). Nothing is saved while the draft has a
// problem, so a half-valid policy never exists; the active version keeps deciding meanwhile.
import type { z } from "zod";
import { actorLabel } from "../authz/scope";
import { AppError } from "../core/app-error";
import type { OpContext } from "../core/op-context";
import { checkDraft, type DraftCheck, type DraftIdentity } from "./check-draft";
import { documentHash } from "./compile";
import { loadPolicySets, versionLabel } from "./load-policy-sets";
import { PLATFORM_SCOPE } from "./policy-scope";
import type { ZCreateDocument, ZSaveVersion } from "./policy-input";
import { findDocument, lockDocument } from "./policy-lookup";
import { versionSummary, type ZPolicyVersionSummary } from "./policy-view";

/** 422 with every problem at its line: field issues for API clients, positions for the editor. */
export function draftRejected(check: DraftCheck): AppError {
  const first = check.problems[0]!;
  const field = (p: DraftCheck["problems"][number]) => `body.${p.source === "policy" ? "content" : "tests"}`;
  return new AppError("validation_failed", `${check.problems.length} problem(s); first: ${first.source} line ${first.line}: ${first.message}`, {
    issues: check.problems.map((p) => ({ path: field(p), message: `line ${p.line}, column ${p.column}: ${p.path ? `${p.path}: ` : ""}${p.message}` })),
    problems: check.problems,
  });
}

/** Runs every check against the tenant's effective policy; throws the 422 on any problem. */
export async function checkOrReject(ctx: OpContext, text: { content: string; tests: string }, identity?: DraftIdentity): Promise<DraftCheck> {
  const sets = await loadPolicySets(ctx.tx, ctx.scope.tenant.id);
  const check = checkDraft({ ...text, others: sets.active.documents, identity });
  if (check.problems.length) throw draftRejected(check);
  return check;
}

type Saved = z.infer<typeof ZPolicyVersionSummary> & { documentId: string };

export async function writeVersion(
  ctx: OpContext,
  doc: { id: string; scopeKey: string },
  check: DraftCheck,
  text: { content: string; tests: string; message: string },
  action: string,
): Promise<Saved> {
  const latest = await ctx.tx.policyVersion.findFirst({ where: { documentId: doc.id }, orderBy: { number: "desc" }, select: { number: true } });
  const number = (latest?.number ?? 0) + 1;
  const actor = ctx.scope.actor;
  const v = await ctx.tx.policyVersion.create({
    data: {
      documentId: doc.id, scopeKey: doc.scopeKey, number, content: text.content, tests: text.tests, message: text.message,
      contentHash: documentHash(check.document!), authorId: actor.kind === "user" ? actor.id : actor.userId, authorLabel: actorLabel(actor),
    },
  });
  await ctx.audit({
    action, resourceType: "policy", resourceId: doc.id,
    after: { policy: check.document!.metadata.name, version: versionLabel(number), contentHash: v.contentHash, message: text.message, tests: check.tests.length },
  });
  return { ...versionSummary(v), documentId: doc.id };
}

export async function savePolicyVersion(ctx: OpContext, documentId: string, input: z.infer<typeof ZSaveVersion>): Promise<Saved> {
  const doc = await findDocument(ctx, documentId);
  // Two editors cannot both become "the next version".
  await lockDocument(ctx.tx, doc.id);
  const latest = await ctx.tx.policyVersion.findFirst({ where: { documentId }, orderBy: { number: "desc" }, select: { number: true, authorLabel: true } });
  if (input.baseNumber !== undefined && latest && latest.number !== input.baseNumber) {
    throw new AppError("conflict", `version ${latest.number} was saved by ${latest.authorLabel} after the version ${input.baseNumber} you edited; reload and merge`);
  }
  const check = await checkOrReject(ctx, input, { name: doc.name, level: doc.level, target: doc.target });
  return writeVersion(ctx, doc, check, input, "policy.version.save");
}

export async function createPolicyDocument(ctx: OpContext, input: z.infer<typeof ZCreateDocument>): Promise<Saved> {
  const check = await checkOrReject(ctx, input);
  const { name, level, target } = check.document!.metadata;
  const scopeKey = level === "platform" ? PLATFORM_SCOPE : ctx.scope.tenant.id;
  const taken = await ctx.tx.policyDocument.findFirst({ where: { scopeKey: { in: [PLATFORM_SCOPE, ctx.scope.tenant.id] }, name }, select: { id: true } });
  if (taken) throw new AppError("conflict", `a policy named "${name}" already exists; save a new version of it instead`);
  const doc = await ctx.tx.policyDocument.create({
    data: { scopeKey, tenantId: scopeKey === PLATFORM_SCOPE ? null : ctx.scope.tenant.id, name, level, target: target ?? null },
  });
  return writeVersion(ctx, doc, check, input, "policy.create");
}
