// The wrapper of a person's own routes under /api/v1/me (their sessions, their invitations), built
// from withAuthz's steps without the tenant ones: authenticate -> require a signed-in person ->
// refuse cross-site changes -> parse -> run (in a transaction with its audit events for changes). What such a route reaches is
// the person's own by construction: every operation builds its `where` from ctx.actor.
import type { z } from "zod";
import { authenticate } from "../auth/authenticate";
import { AppError } from "../core/app-error";
import { refuseCrossSite } from "./cross-site";
import { isMutation, type PersonalRouteContract } from "./define-route";
import { personReadContext, runPersonOperation, type PersonContext } from "../core/person-op";
import { requestMeta } from "./request-meta";
import { errorResponse, jsonResponse } from "./respond";
import { routeParams, routeQueryAndBody, type Infer, type NextContext } from "./route-input";
import { ROUTE_CONTRACT } from "./with-authz";

type Handler<C extends PersonalRouteContract> = (input: {
  ctx: PersonContext;
  params: z.infer<C["params"]>;
  query: Infer<C["query"]>;
  body: Infer<C["body"]>;
}) => Promise<unknown>;

export function withPerson<C extends PersonalRouteContract>(contract: C, handler: Handler<C>) {
  const wrapped = async (req: Request, next: NextContext): Promise<Response> => {
    const meta = requestMeta(req);
    try {
      const actor = await authenticate(req);
      if (!actor) throw new AppError("unauthenticated", "sign in first: /api/v1/me is about the signed-in person");
      // A token acts within one tenant for its creator; it does not stand in for the person.
      if (actor.kind !== "user") throw new AppError("forbidden", "API tokens cannot use /api/v1/me; it is for a signed-in person");
      refuseCrossSite(req, actor);
      const params = await routeParams(contract, next);
      const { query, body } = await routeQueryAndBody(contract, req);
      const result = isMutation(contract)
        ? await runPersonOperation(actor, meta, contract.id, (ctx) => handler({ ctx, params, query, body }))
        : await handler({ ctx: personReadContext(actor, meta), params, query, body });
      return jsonResponse(result ?? {}, contract.status ?? 200, meta.requestId);
    } catch (err) {
      return errorResponse(err, meta.requestId);
    }
  };
  return Object.assign(wrapped, { [ROUTE_CONTRACT]: contract });
}
