import type { z } from "zod";
import type { OpContext } from "../core/op-context";
import { LEVELS } from "./document-schema";
import { visibleScopes } from "./policy-scope";
import { activationRequests } from "./policy-lookup";
import { documentSummary, versionSelect, type ZPolicyDocumentSummary } from "./policy-view";

/** Platform and tenant documents, highest level first, each with its active, shadow and latest version. */
export async function listPolicyDocuments(ctx: OpContext): Promise<z.infer<typeof ZPolicyDocumentSummary>[]> {
  const docs = await ctx.tx.policyDocument.findMany({
    where: { scopeKey: { in: visibleScopes(ctx.scope.tenant.id) } },
    select: { id: true, name: true, level: true, target: true, scopeKey: true, versions: { select: { ...versionSelect, id: true } } },
  });
  const pending = await activationRequests(ctx, docs.flatMap((d) => d.versions), { pendingOnly: true, take: 500 });
  const docOf = new Map(docs.flatMap((d) => d.versions.map((v) => [v.id, d.id] as const)));
  const pendingOf = new Map(pending.map((p) => [docOf.get(p.subjectId), p]));
  return docs
    .map((d) => documentSummary(ctx.scope, d, pendingOf.get(d.id) ?? null))
    .sort((a, b) => LEVELS.indexOf(a.level) - LEVELS.indexOf(b.level) || a.name.localeCompare(b.name));
}
