// The one wrapper every /api/v1 route handler goes through:
// authenticate -> resolve tenant -> authorize -> parse -> run (in a transaction for mutations)
// -> audit. Handlers never check permissions themselves.
import type { z } from "zod";
import { appendAuditEvent, type AuditInput } from "../audit/append-event";
import { authenticate } from "../auth/authenticate";
import { authorize, type Decision } from "../authz/authorize";
import type { Permission } from "../authz/permissions";
import { actorLabel, type Actor, type RequestMeta, type Scope } from "../authz/scope";
import { recordDecisions, type DecisionToRecord } from "../policy/record-decision";
import { db, type Tx } from "../db/client";
import { resolveScope } from "../tenants/resolve-scope";
import { AppError } from "./app-error";
import { isMutation, type RouteContract } from "./define-route";
import { parseWith, queryObject, readJsonBody } from "./parse-input";
import { readContext } from "./read-context";
import { requestMeta } from "./request-meta";
import { errorResponse, jsonResponse } from "./respond";

export type AuditRecord = Omit<AuditInput, "tenantId" | "actorType" | "actorId" | "actorLabel" | "requestId" | "sourceIp">;

/** What a domain operation gets: who, where, the transaction, and how to audit inside it. */
export type OpContext = {
  scope: Scope;
  meta: RequestMeta;
  tx: Tx;
  audit: (event: AuditRecord) => Promise<void>;
  /**
   * authorize() with the attributes of the object at hand; a decision the policy rules made (not RBAC
   * alone) is kept as a decision record, written with the operation's changes or, when the operation
   * is refused, with its denial.
   */
  decide: (action: Permission, resource?: Record<string, unknown>, context?: Record<string, unknown>) => Promise<Decision>;
};

/** ctx.decide for a context whose records are written later by flush(). */
export function queuedDecide(scope: Scope, queue: DecisionToRecord[]): OpContext["decide"] {
  return async (action, resource, context) => {
    const d = authorize(scope, action, resource, context);
    if (d.record) queue.push(d.record);
    return d;
  };
}

type Infer<T> = Exclude<T, undefined> extends z.ZodType ? z.infer<Exclude<T, undefined>> : undefined;

type Handler<C extends RouteContract> = (input: {
  ctx: OpContext;
  params: z.infer<C["params"]>;
  query: Infer<C["query"]>;
  body: Infer<C["body"]>;
}) => Promise<unknown>;

type NextContext = { params: Promise<Record<string, string | string[]>> };

export function auditFields(scope: Scope, meta: RequestMeta): Pick<AuditInput, "tenantId" | "actorType" | "actorId" | "actorLabel" | "requestId" | "sourceIp"> {
  const a: Actor = scope.actor;
  return { tenantId: scope.tenant.id, actorType: a.kind, actorId: a.id, actorLabel: actorLabel(a), requestId: meta.requestId, sourceIp: meta.ip };
}

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
      const rawParams = await next.params;
      // A malformed id can never name an object the caller may see: answer as for a missing one.
      const paramsResult = contract.params.safeParse(rawParams);
      if (!paramsResult.success) throw new AppError("not_found", "not found");
      const params = paramsResult.data as z.infer<C["params"]>;
      const resolved = await resolveScope(actor, String((params as { tenant: string }).tenant));
      scope = resolved;
      if (!resolved.permissions.has(contract.permission)) {
        throw new AppError("forbidden", `missing permission ${contract.permission}`, { permission: contract.permission });
      }
      const query = (contract.query ? parseWith(contract.query, queryObject(new URL(req.url)), "query") : undefined) as Infer<C["query"]>;
      const body = (contract.body ? parseWith(contract.body, await readJsonBody(req), "body") : undefined) as Infer<C["body"]>;
      const mutate = async (tx: Tx) => {
        const events: AuditRecord[] = [];
        decisions.length = 0;
        const ctx: OpContext = { scope: resolved, meta, tx, audit: async (event) => void events.push(event), decide: queuedDecide(resolved, decisions) };
        const result = await handler({ ctx, params, query, body });
        // Invariant: no change without its audit event, in the same transaction.
        if (events.length === 0) throw new Error(`${contract.id} changed data without an audit event`);
        await recordDecisions(tx, resolved.tenant.id, decisions);
        // Appended last, so the chain head is the last lock the transaction takes: it is held only
        // until the commit, and never while waiting for a row another writer holds (no deadlock).
        for (const event of events) await appendAuditEvent(tx, { ...auditFields(resolved, meta), ...event });
        return result;
      };
      const result = isMutation(contract)
        ? await db.$transaction(mutate, { timeout: 15_000 })
        : await handler({ ctx: readContext(resolved, meta), params, query, body });
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
