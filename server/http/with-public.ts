// For the few routes that need no sign-in (health, the OpenAPI document, the API's "no such
// operation"): same request ids and error shape as withAuthz, nothing tenant-owned behind them.
import { requestMeta } from "./request-meta";
import { errorResponse, jsonResponse } from "./respond";

export const PUBLIC_ROUTE = Symbol.for("fleetgate.publicRoute");

export function withPublic(handler: (req: Request) => Promise<{ body: unknown; status?: number }>) {
  const wrapped = async (req: Request): Promise<Response> => {
    const meta = requestMeta(req);
    try {
      const r = await handler(req);
      return jsonResponse(r.body, r.status ?? 200, meta.requestId);
    } catch (err) {
      return errorResponse(err, meta.requestId);
    }
  };
  return Object.assign(wrapped, { [PUBLIC_ROUTE]: true });
}
