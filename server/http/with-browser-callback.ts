// For the routes outside /api/v1 that another site sends a person's browser to (GitHub's setup URL):
// they answer with a redirect into the console, or a short plain-text refusal, never JSON. They
// authenticate the person themselves (a missing session is sent to sign in and back), so they are
// marked public for the route table's test, like the other routes that need no API sign-in.
import { logger } from "../log/logger";
import { requestMeta } from "./request-meta";
import { PUBLIC_ROUTE } from "./with-public";

export type CallbackAnswer = { redirect: string } | { status: number; text: string };

export function withBrowserCallback(handler: (req: Request, meta: ReturnType<typeof requestMeta>) => Promise<CallbackAnswer>) {
  const wrapped = async (req: Request): Promise<Response> => {
    const meta = requestMeta(req);
    const headers = { "cache-control": "no-store", "x-request-id": meta.requestId };
    try {
      const a = await handler(req, meta);
      // A path on this site only (the handler builds it): never an address taken from the request.
      if ("redirect" in a) return new Response(null, { status: 303, headers: { ...headers, location: a.redirect } });
      return new Response(`${a.text}\n`, { status: a.status, headers: { ...headers, "content-type": "text/plain; charset=utf-8" } });
    } catch (err) {
      logger.error("browser callback failed", { requestId: meta.requestId, error: (err as Error)?.message ?? String(err) });
      return new Response(`Something went wrong on our side. Quote request id ${meta.requestId} when reporting it.\n`, {
        status: 500, headers: { ...headers, "content-type": "text/plain; charset=utf-8" },
      });
    }
  };
  return Object.assign(wrapped, { [PUBLIC_ROUTE]: true });
}
