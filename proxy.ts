// Runs before every request (Next 16's successor to middleware.ts, in the Node.js runtime). It puts
// the browser security headers on every answer (server/web/security-headers.ts): pages get a
// Content-Security-Policy with a fresh nonce, which Next reads from the request's own
// Content-Security-Policy header and puts on its scripts and styles while it renders (so every page
// renders per request: app/layout.tsx). An API path asked with a method it does not serve answers
// 405 in the API's error format; a path no route serves reaches app/api/[[...unknown]] (404).
import { NextResponse, type NextRequest } from "next/server";
import { allowHeader, isServed, methodsAt } from "@/server/api/route-methods";
import { env } from "@/server/env";
import { AppError } from "@/server/http/app-error";
import { requestMeta } from "@/server/http/request-meta";
import { errorResponse } from "@/server/http/respond";
import { REQUEST_SCHEME_HEADER } from "@/server/web/client-address";
import { newNonce, securityHeaders } from "@/server/web/security-headers";

const isApi = (path: string) => path === "/api" || path.startsWith("/api/");

export function proxy(request: NextRequest): Response {
  const { pathname } = request.nextUrl;
  const ctx = { dev: env().NODE_ENV === "development", https: request.headers.get(REQUEST_SCHEME_HEADER) === "https" };
  let response: Response;
  let headers: [string, string][];
  if (isApi(pathname)) {
    headers = securityHeaders(ctx);
    // next-auth's own routes answer every method they know themselves.
    const methods = pathname.startsWith("/api/auth/") ? null : methodsAt(pathname);
    response = methods && !isServed(methods, request.method) ? methodNotAllowed(request, pathname, methods) : NextResponse.next();
  } else {
    headers = securityHeaders({ ...ctx, nonce: newNonce() });
    const forwarded = new Headers(request.headers);
    forwarded.set("content-security-policy", headers.find(([name]) => name === "content-security-policy")![1]);
    response = NextResponse.next({ request: { headers: forwarded } });
  }
  for (const [name, value] of headers) response.headers.set(name, value);
  return response;
}

function methodNotAllowed(request: NextRequest, pathname: string, methods: Parameters<typeof allowHeader>[0]): Response {
  const allow = allowHeader(methods);
  const err = new AppError("method_not_allowed", `${request.method} is not an API operation at ${pathname}; it answers ${allow}`, { allow });
  const response = errorResponse(err, requestMeta(request).requestId);
  response.headers.set("allow", allow);
  return response;
}
