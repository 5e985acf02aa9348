import { randomUUID } from "node:crypto";
import type { RequestMeta } from "../authz/scope";
import { CLIENT_ADDRESS_HEADER } from "../web/client-address";

/** The client's address as stamped by server/web/serve.ts; null when unknown. */
export function clientIp(headers: Headers): string | null {
  return headers.get(CLIENT_ADDRESS_HEADER);
}

export function requestMeta(req: { headers: Headers }): RequestMeta {
  const given = req.headers.get("x-request-id");
  const requestId = given && /^[A-Za-z0-9._-]{8,80}$/.test(given) ? given : randomUUID();
  return { requestId, ip: clientIp(req.headers) };
}
