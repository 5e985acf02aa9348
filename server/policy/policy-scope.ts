// Where a policy document lives: in one tenant, or on the platform (every tenant). scopeKey is the
// tenant's id or "platform", so names are unique per scope although platform rows have no tenant.
import type { Scope } from "../authz/scope";

export const PLATFORM_SCOPE = "platform";

/** The scopes whose documents a tenant sees and is governed by. */
export const visibleScopes = (tenantId: string) => [tenantId, PLATFORM_SCOPE];

/**
 * Whether the scope may change a document of this scope (the editor's "editable"). The routes
 * enforce it: policy.edit, and policy.platform for a platform document (their alsoRequires).
 */
export const mayChange = (scope: Scope, scopeKey: string): boolean =>
  scope.permissions.has("policy.edit") && (scopeKey !== PLATFORM_SCOPE || scope.permissions.has("policy.platform"));
