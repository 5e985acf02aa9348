// Where a policy document lives: in one tenant, or on the platform (every tenant). scopeKey is the
// tenant's id or "platform", so names are unique per scope although platform rows have no tenant.
// Platform documents govern every tenant: creating or changing one needs policy.platform, which the
// policy routes declare (server/contracts/policies.ts) with the two conditions below.
import type { Scope } from "../authz/scope";
import { db, type Tx } from "../db/client";
import { parsePolicyDocument } from "./parse-document";

export const PLATFORM_SCOPE = "platform";

/** The scopes whose documents a tenant sees and is governed by. */
export const visibleScopes = (tenantId: string) => [tenantId, PLATFORM_SCOPE];

/** Whether the id names a platform document. */
export async function isPlatformDocument(documentId: string, tx: Tx = db): Promise<boolean> {
  return (await tx.policyDocument.findFirst({ where: { id: documentId, scopeKey: PLATFORM_SCOPE }, select: { id: true } })) !== null;
}

/** Whether a new document's YAML puts it on the platform (as creating it will read it). */
export function declaresPlatformLevel(content: string): boolean {
  const parsed = parsePolicyDocument(content);
  return parsed.ok && parsed.value.metadata.level === "platform";
}

/** Whether the scope may change a document of this scope (for the editor's "editable"). */
export const mayChange = (scope: Scope, scopeKey: string): boolean =>
  scope.permissions.has("policy.edit") && (scopeKey !== PLATFORM_SCOPE || scope.permissions.has("policy.platform"));
