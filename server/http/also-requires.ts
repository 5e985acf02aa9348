// The further permissions a request needs (a contract's alsoRequires), checked like the route's own:
// a 403 naming the permission, recorded as a denial by withAuthz.
import type { Scope } from "../authz/scope";
import { AppError } from "../core/app-error";
import type { RouteContract } from "./define-route";

export async function checkAlsoRequires(
  contract: RouteContract,
  scope: Scope,
  input: { params: Record<string, unknown>; query: unknown; body: unknown },
): Promise<void> {
  for (const need of contract.alsoRequires ?? []) {
    if (scope.permissions.has(need.permission)) continue;
    if (await need.when(input as Parameters<typeof need.when>[0])) {
      throw new AppError("forbidden", `missing permission ${need.permission}: ${need.because}`, { permission: need.permission });
    }
  }
}
