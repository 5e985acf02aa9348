import type { OpContext } from "../http/with-authz";
import { documentSummary, requestSelect, versionSelect, type ZPolicyDocumentSummary } from "./policy-view";
import { LEVELS } from "./document-schema";
import { visibleScopes } from "./policy-scope";
import type { z } from "zod";

/** Platform and tenant documents, highest level first, each with its active, shadow and latest version. */
export async function listPolicyDocuments(ctx: OpContext): Promise<z.infer<typeof ZPolicyDocumentSummary>[]> {
  const scopes = visibleScopes(ctx.scope.tenant.id);
  const [docs, pending] = await Promise.all([
    ctx.tx.policyDocument.findMany({
      where: { scopeKey: { in: scopes } },
      select: { id: true, name: true, level: true, target: true, scopeKey: true, versions: { select: versionSelect } },
    }),
    ctx.tx.policyPublishRequest.findMany({ where: { scopeKey: { in: scopes }, state: "pending" }, select: { ...requestSelect, version: { select: { number: true, authorLabel: true, documentId: true } } } }),
  ]);
  const pendingOf = new Map(pending.map((p) => [p.version.documentId, p]));
  return docs
    .map((d) => documentSummary(ctx.scope, d, pendingOf.get(d.id) ?? null))
    .sort((a, b) => LEVELS.indexOf(a.level) - LEVELS.indexOf(b.level) || a.name.localeCompare(b.name));
}
