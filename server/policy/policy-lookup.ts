// The reads and the lock every policy operation shares: a visible document, one of its versions,
// the activation requests for its versions.
import type { Tx } from "../db/client";
import { AppError } from "../core/app-error";
import type { OpContext } from "../core/op-context";
import { approvalSummary } from "../approvals/approval-view";
import { visibleScopes } from "./policy-scope";

/** A document the scope may see, by id; another tenant's answers 404 like a missing one. */
export async function findDocument(ctx: OpContext, documentId: string) {
  const doc = await ctx.tx.policyDocument.findFirst({
    where: { id: documentId, scopeKey: { in: visibleScopes(ctx.scope.tenant.id) } },
    select: { id: true, name: true, level: true, target: true, scopeKey: true },
  });
  if (!doc) throw new AppError("not_found", "policy document not found");
  return doc;
}

export async function findVersion(ctx: OpContext, documentId: string, number: number) {
  const v = await ctx.tx.policyVersion.findUnique({ where: { documentId_number: { documentId, number } } });
  if (!v) throw new AppError("not_found", `version ${number} not found`);
  return v;
}

/** Serialises changes to one document's versions (saves, state moves), held until the commit. */
export async function lockDocument(tx: Tx, documentId: string): Promise<void> {
  await tx.$executeRaw`SELECT 1 FROM "PolicyDocument" WHERE id = ${documentId} FOR UPDATE`;
}

/** Activation requests (approval requests) for a set of versions, with the version number each is for. */
export async function activationRequests(ctx: OpContext, versions: readonly { id: string; number: number }[], opts: { pendingOnly?: boolean; take?: number } = {}) {
  const numbers = new Map(versions.map((v) => [v.id, v.number]));
  const rows = await ctx.tx.approvalRequest.findMany({
    where: { tenantId: ctx.scope.tenant.id, subjectType: "policy_version", subjectId: { in: [...numbers.keys()] }, ...(opts.pendingOnly ? { state: "pending" as const } : {}) },
    include: { votes: { select: { vote: true } } }, orderBy: { createdAt: "desc" }, take: opts.take ?? 50,
  });
  return rows.map((r) => ({ ...approvalSummary(r), versionNumber: numbers.get(r.subjectId)! }));
}
