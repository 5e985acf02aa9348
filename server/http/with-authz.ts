// The one wrapper every tenant route of /api/v1 goes through (a person's own routes under
// /api/v1/me go through withPerson, built from the same steps):
// authenticate -> refuse cross-site changes -> resolve tenant -> authorize -> parse -> the further
// permissions this request needs (the contract's alsoRequires) -> run (in a transaction for
// mutations) -> audit. Handlers never check permissions themselves.
import type { z } from "zod";
import { appendAuditEvent } from "../audit/append-event";
import { authenticate } from "../auth/authenticate";
import type { RequestMeta, Scope } from "../authz/scope";
import { db } from "../db/client";
import { recordDecisions, type DecisionToRecord } from "../policy/record-decision";
import { resolveScope } from "../tenants/resolve-scope";
import { AppError } from "../core/app-error";
import { checkAlsoRequires } from "./check-also-requires";
import { refuseCrossSite } from "./cross-site";
import { isMutation, type RouteContract } from "./define-route";
import { auditFields, runOperation, type OpContext } from "../core/op-context";
import { readContext } from "../core/read-context";
import { requestMeta } from "./request-meta";
import { errorResponse, jsonResponse } from "./respond";
import { routeParams, routeQueryAndBody, type Infer, type NextContext } from "./route-input";

type Handler<C extends RouteContract> = (input: {
  ctx: OpContext;
  params: z.infer<C["params"]>;
  query: Infer<C["query"]>;
  body: Infer<C["body"]>;
}) => Promise<unknown>;

/** Marks a handler with its contract, so tests can prove every route is wrapped. */
export const ROUTE_CONTRACT = Symbol.for("fleetgate.routeContract");

export function withAuthz<C extends RouteContract>(contract: C, handler: Handler<C>) {
  const wrapped = async (req: Request, next: NextContext): Promise<Response> => {
    const meta = requestMeta(req);
    let scope: Scope | undefined;
    const decisions: DecisionToRecord[] = [];
    try {
      const actor = await authenticate(req);
      if (!actor) throw new AppError("unauthenticated", "sign in or send an API token (Authorization: Bearer ...)");
      refuseCrossSite(req, actor);
      const params = await routeParams(contract, next);
      const resolved = await resolveScope(actor, String((params as { tenant: string }).tenant));
      scope = resolved;
      if (!resolved.permissions.has(contract.permission)) {
        throw new AppError("forbidden", `missing permission ${contract.permission}`, { permission: contract.permission });
      }
      const { query, body } = await routeQueryAndBody(contract, req);
      // The further permissions are asked in the operation's own transaction: a condition reads what
      // the operation will read, and a refusal rolls back like any other.
      const run = async (ctx: OpContext) => {
        await checkAlsoRequires(contract, ctx, { params, query, body });
        return handler({ ctx, params, query, body });
      };
      const result = isMutation(contract) ? await runOperation(resolved, meta, contract.id, run, decisions) : await run(readContext(resolved, meta));
      return jsonResponse(result ?? {}, contract.status ?? 200, meta.requestId);
    } catch (err) {
      // A refused change in one's own tenant is evidence worth keeping, whether the route's
      // permission or a rule inside the operation refused it (the latter rolled back its work).
      if (scope && isMutation(contract) && err instanceof AppError && err.code === "forbidden") {
        await recordDenial(scope, meta, contract, err.message, decisions).catch(() => undefined);
      }
      return errorResponse(err, meta.requestId);
    }
  };
  return Object.assign(wrapped, { [ROUTE_CONTRACT]: contract });
}

async function recordDenial(scope: Scope, meta: RequestMeta, contract: RouteContract, reason: string, decisions: DecisionToRecord[]) {
  await db.$transaction(async (tx) => {
    await recordDecisions(tx, scope.tenant.id, decisions);
    await appendAuditEvent(tx, {
      ...auditFields(scope, meta),
      action: contract.id,
      resourceType: contract.tag,
      decision: "deny",
      payload: { reason },
    });
  });
}
