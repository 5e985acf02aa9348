// What serve.ts does to every request before Next sees it, decided here without any I/O. Pages get a
// Content-Security-Policy with a fresh nonce, also set on the request: Next reads the nonce from the
// request's Content-Security-Policy header while it renders and puts it on its own scripts and styles
// (so every page renders per request: app/layout.tsx). Every answer gets the other security headers.
// An API path asked with a method it does not serve is answered 405 here; a path no route serves
// reaches app/api/[[...unknown]] (404).
// Done in serve.ts rather than in Next's proxy.ts: with a proxy, Next reads each request body into
// memory before the route, and cuts a body over its limit short, so readJsonBody's 413 would become
// a truncated body.
import { allowHeader, isServed, methodsAt } from "../contracts/route-methods";
import { AppError } from "../core/app-error";
import { requestMeta } from "../http/request-meta";
import { errorResponse } from "../http/respond";
import { newNonce, securityHeaders } from "./security-headers";

export type Hardening = {
  /** Set on the answer, whoever writes it (Next or the `answer` below). */
  headers: [string, string][];
  /** The request's Content-Security-Policy for Next to read the nonce from; null: remove any the client sent. */
  requestPolicy: string | null;
  /** When present, answer this instead of handing the request to Next. */
  answer?: Response;
};

const isApi = (path: string) => path === "/api" || path.startsWith("/api/");

export function hardenRequest(req: { method: string; url: string; headers: Headers }, ctx: { dev: boolean; https: boolean }): Hardening {
  const path = req.url.split("?")[0]!;
  if (!isApi(path)) {
    const headers = securityHeaders({ ...ctx, nonce: newNonce() });
    return { headers, requestPolicy: headers.find(([name]) => name === "content-security-policy")![1] };
  }
  const headers = securityHeaders(ctx);
  // next-auth's own routes answer every method they know themselves.
  const methods = path.startsWith("/api/auth/") ? null : methodsAt(path);
  if (!methods || isServed(methods, req.method)) return { headers, requestPolicy: null };
  const allow = allowHeader(methods);
  const answer = errorResponse(
    new AppError("method_not_allowed", `${req.method} is not an API operation at ${path}; it answers ${allow}`, { allow }),
    requestMeta(req).requestId,
  );
  answer.headers.set("allow", allow);
  return { headers, requestPolicy: null, answer };
}
