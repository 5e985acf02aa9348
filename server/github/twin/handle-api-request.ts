// One REST request: parse, authenticate, apply any injected fault (content-creating routes
// only), run the route, and answer with GitHub's headers (x-ratelimit-*, x-github-request-id).
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { authenticateRequest, type TwinAuth } from "./authenticate-request";
import { faultError } from "./fault-plan";
import { GithubError, DOCS_URL } from "./github-error";
import { matchRoute, type Route, type RouteAnswer } from "./route-table";
import type { TwinContext } from "./twin-context";

const RATE_LIMIT = 5000;

export function makeRateCounter() {
  const used = new Map<string, { hour: number; count: number }>();
  return (auth: TwinAuth, ip: string): Record<string, string> => {
    const key = auth.kind === "installation" ? `inst:${auth.installation.id}` : auth.kind === "app" ? "app" : `ip:${ip}`;
    const hour = Math.floor(Date.now() / 3_600_000);
    const entry = used.get(key);
    const current = entry && entry.hour === hour ? entry : { hour, count: 0 };
    current.count++;
    used.set(key, current);
    const limit = auth.kind === "anonymous" ? 60 : RATE_LIMIT;
    return { "x-ratelimit-limit": String(limit), "x-ratelimit-remaining": String(Math.max(0, limit - current.count)), "x-ratelimit-reset": String((hour + 1) * 3600), "x-ratelimit-used": String(current.count), "x-ratelimit-resource": "core" };
  };
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export function sendJson(res: ServerResponse, answer: RouteAnswer, extraHeaders: Record<string, string> = {}) {
  if (res.destroyed) return;
  const headers = { "x-github-request-id": randomUUID().toUpperCase().slice(0, 23), "x-github-api-version-selected": "2022-11-28", ...extraHeaders, ...answer.headers };
  if (answer.body === undefined) {
    res.writeHead(answer.status, headers);
    return void res.end();
  }
  res.writeHead(answer.status, { "content-type": "application/json; charset=utf-8", ...headers });
  res.end(JSON.stringify(answer.body));
}

export async function handleApiRequest(ctx: TwinContext, routes: Route[], rate: ReturnType<typeof makeRateCounter>, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  let rateHeaders: Record<string, string> = {};
  let body: unknown = undefined;
  const answer = async (): Promise<RouteAnswer> => {
    try {
      const raw = await readBody(req);
      if (raw.trim()) {
        try {
          body = JSON.parse(raw);
        } catch {
          throw new GithubError(400, "Problems parsing JSON");
        }
      }
      const matched = matchRoute(routes, req.method ?? "GET", url.pathname.replace(/\/+$/, "") || "/");
      if (!matched) throw new GithubError(404, "Not Found");
      const auth = authenticateRequest(ctx.store, req.headers.authorization);
      rateHeaders = rate(auth, req.socket.remoteAddress ?? "");
      const fault = matched.route.contentCreating ? ctx.faults.takeRequestFault() : null;
      if (fault && fault.kind !== "502-after") throw faultError(fault);
      const answered = await matched.route.handle({ ctx, auth, params: matched.params, query: url.searchParams, body });
      return fault?.kind === "502-after" ? { status: 502, body: { message: "Server Error", documentation_url: DOCS_URL, status: "502" } } : answered;
    } catch (e) {
      if (e instanceof GithubError) return { status: e.status, body: e.body(), headers: e.headers };
      console.error("github twin: request failed", e);
      return { status: 500, body: { message: "Server Error", documentation_url: DOCS_URL, status: "500" } };
    }
  };
  const a = await answer();
  if (!url.pathname.startsWith("/_twin/")) {
    ctx.observe.exchange?.({ method: req.method ?? "GET", path: `${url.pathname}${url.search}`, requestBody: body, status: a.status, responseHeaders: { ...rateHeaders, ...a.headers }, responseBody: a.body });
  }
  sendJson(res, a, rateHeaders);
}
