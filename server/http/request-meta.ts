import { randomUUID } from "node:crypto";
import type { RequestMeta } from "../authz/scope";

/** The client's address as the nearest proxy reports it; null when unknown. */
export function clientIp(headers: Headers): string | null {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  const ip = forwarded || headers.get("x-real-ip")?.trim();
  return ip && ip.length <= 64 ? ip : null;
}

export function requestMeta(req: Request): RequestMeta {
  const given = req.headers.get("x-request-id");
  const requestId = given && /^[A-Za-z0-9._-]{8,80}$/.test(given) ? given : randomUUID();
  return { requestId, ip: clientIp(req.headers) };
}
