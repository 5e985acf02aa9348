// The further permissions a request needs (its contract's alsoRequires), checked like the route's
// own: a 403 naming the permission, which withAuthz records as a denial. A caller who holds the
// permission is never asked the condition, so it reads nothing for them.
import { AppError } from "../core/app-error";
import type { OpContext } from "../core/op-context";
import type { RouteContract } from "./define-route";
import { ROUTE_CONDITIONS, type RouteCondition } from "./route-conditions";

export async function checkAlsoRequires(
  contract: Pick<RouteContract, "alsoRequires">,
  ctx: OpContext,
  request: { params: unknown; query: unknown; body: unknown },
): Promise<void> {
  for (const need of contract.alsoRequires ?? []) {
    if (ctx.scope.permissions.has(need.permission)) continue;
    // Fail closed: a name the table does not know (the types allow none) refuses.
    const condition = Object.hasOwn(ROUTE_CONDITIONS, need.when) ? (ROUTE_CONDITIONS[need.when] as RouteCondition<unknown>) : null;
    if (!condition || (await condition.holds(request, ctx))) {
      throw new AppError("forbidden", `missing permission ${need.permission}: ${need.because}`, { permission: need.permission });
    }
  }
}
