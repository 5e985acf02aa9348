// What the API and the console show of policy documents, versions and activation requests.
import { z } from "zod";
import type { Scope } from "../authz/scope";
import type { Tx } from "../db/client";
import { AppError } from "../core/app-error";
import type { OpContext } from "../core/op-context";
import { ZApprovalSummary, approvalSummary } from "../approvals/approval-view";
import { EFFECTS, LEVELS } from "./document-schema";
import { mayChange, PLATFORM_SCOPE, visibleScopes } from "./policy-scope";

export const ZVersionState = z.enum(["draft", "shadow", "active", "retired"]);

export const ZPolicyVersionSummary = z.object({
  number: z.number().int(),
  state: ZVersionState,
  message: z.string(),
  authorLabel: z.string(),
  contentHash: z.string(),
  createdAt: z.string(),
  stateAt: z.string(),
});

export const ZPolicyVersion = ZPolicyVersionSummary.extend({ content: z.string(), tests: z.string() });

export const ZPolicyDocumentSummary = z.object({
  id: z.string(),
  name: z.string(),
  level: z.enum(LEVELS),
  target: z.string().nullable(),
  scope: z.enum(["platform", "tenant"]),
  /** May the caller save versions of it (platform documents also need policy.platform). */
  editable: z.boolean(),
  active: ZPolicyVersionSummary.nullable(),
  shadow: ZPolicyVersionSummary.nullable(),
  latest: ZPolicyVersionSummary,
  /** The approval request waiting to activate one of its versions. */
  pending: ZApprovalSummary.extend({ versionNumber: z.number().int() }).nullable(),
});

export const ZPolicyDocumentDetail = ZPolicyDocumentSummary.extend({
  versions: z.array(ZPolicyVersionSummary),
  /** Activation requests for its versions, newest first. */
  requests: z.array(ZApprovalSummary.extend({ versionNumber: z.number().int() })),
});

export const ZDecisionKind = z.enum(EFFECTS);

type VersionRow = { number: number; state: string; message: string; authorLabel: string; contentHash: string; createdAt: Date; stateAt: Date };
export const versionSummary = (v: VersionRow): z.infer<typeof ZPolicyVersionSummary> => ({
  number: v.number, state: v.state as z.infer<typeof ZVersionState>, message: v.message, authorLabel: v.authorLabel,
  contentHash: v.contentHash, createdAt: v.createdAt.toISOString(), stateAt: v.stateAt.toISOString(),
});

export const versionSelect = { number: true, state: true, message: true, authorLabel: true, contentHash: true, createdAt: true, stateAt: true } as const;
type DocRow = { id: string; name: string; level: string; target: string | null; scopeKey: string; versions: VersionRow[] };

type Pending = z.infer<typeof ZPolicyDocumentSummary>["pending"];

export function documentSummary(scope: Scope, d: DocRow, pending: Pending): z.infer<typeof ZPolicyDocumentSummary> {
  const sorted = [...d.versions].sort((a, b) => b.number - a.number);
  const active = sorted.find((v) => v.state === "active");
  const shadow = sorted.find((v) => v.state === "shadow");
  return {
    id: d.id, name: d.name, level: d.level as z.infer<typeof ZPolicyDocumentSummary>["level"], target: d.target,
    scope: d.scopeKey === PLATFORM_SCOPE ? "platform" : "tenant",
    editable: mayChange(scope, d.scopeKey),
    active: active ? versionSummary(active) : null,
    shadow: shadow ? versionSummary(shadow) : null,
    latest: versionSummary(sorted[0]!),
    pending,
  };
}

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
