// Where a policy document lives: in one tenant, or on the platform (every tenant). scopeKey is the
// tenant's id or "platform", so names are unique per scope although platform rows have no tenant.
import type { Scope } from "../authz/scope";
import { AppError } from "../core/app-error";

export const PLATFORM_SCOPE = "platform";

/** The scopes whose documents a tenant sees and is governed by. */
export const visibleScopes = (tenantId: string) => [tenantId, PLATFORM_SCOPE];

export const isPlatformAdmin = (scope: Scope) => scope.actor.kind === "user" && scope.actor.platformAdmin;

/** Platform documents govern every tenant: only platform admins change them. */
export function assertMayChange(scope: Scope, scopeKey: string): void {
  if (scopeKey === PLATFORM_SCOPE && !isPlatformAdmin(scope)) {
    throw new AppError("forbidden", "platform policies are changed by platform admins only");
  }
}
