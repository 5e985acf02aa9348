// A route table for the twin's REST API: `:name` matches one path segment, `*name` the rest of the
// path (branch and ref names carry slashes). Routes that create content are marked, so faults and
// GitHub's secondary limits apply to them only.
import type { z } from "zod";
import type { TwinAuth } from "./authenticate-request";
import { GithubError } from "./github-error";
import type { TwinContext } from "./twin-context";

/** The names of a pattern's `:name` and `*name` segments. */
type ParamKeys<P extends string> = P extends `${string}/:${infer K}/${infer R}`
  ? K | ParamKeys<`/${R}`>
  : P extends `${string}/:${infer K}`
    ? K
    : P extends `${string}/*${infer K}/${infer R}`
      ? K | ParamKeys<`/${R}`>
      : P extends `${string}/*${infer K}`
        ? K
        : never;

export type RouteRequest<K extends string = string> = { ctx: TwinContext; auth: TwinAuth; params: Record<K, string>; query: URLSearchParams; body: unknown };
export type RouteAnswer = { status: number; body?: unknown; headers?: Record<string, string> };
export type Route = { method: string; regex: RegExp; keys: string[]; contentCreating: boolean; handle(req: RouteRequest): Promise<RouteAnswer> };

export function route<P extends string>(method: string, pattern: P, handle: (req: RouteRequest<ParamKeys<P>>) => Promise<RouteAnswer>, options: { contentCreating?: boolean } = {}): Route {
  const keys: string[] = [];
  const source = pattern
    .split("/")
    .map((seg) => {
      if (seg.startsWith(":")) return keys.push(seg.slice(1)), "([^/]+)";
      if (seg.startsWith("*")) return keys.push(seg.slice(1)), "(.+)";
      return seg.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    })
    .join("/");
  return { method, regex: new RegExp(`^${source}$`), keys, contentCreating: options.contentCreating ?? false, handle: handle as Route["handle"] };
}

export function matchRoute(routes: Route[], method: string, pathname: string): { route: Route; params: Record<string, string> } | null {
  for (const r of routes) {
    if (r.method !== method) continue;
    const m = r.regex.exec(pathname);
    if (!m) continue;
    return { route: r, params: Object.fromEntries(r.keys.map((k, i) => [k, decodeURIComponent(m[i + 1] ?? "")])) };
  }
  return null;
}

/** A body that does not match is GitHub's 422 "Invalid request.". */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const r = schema.safeParse(body ?? {});
  if (r.success) return r.data;
  const first = r.error.issues[0];
  throw new GithubError(422, `Invalid request.\n\n${first?.path.length ? `"${first.path.join(".")}" ` : ""}${first?.message ?? "invalid"}.`);
}

/** Page of a list with GitHub's `Link` header (per_page at most 100, default 30). */
export function paginate<T>(items: T[], query: URLSearchParams, selfUrl: string): { items: T[]; headers: Record<string, string> } {
  const perPage = Math.min(100, Math.max(1, Number(query.get("per_page")) || 30));
  const page = Math.max(1, Number(query.get("page")) || 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const link = (p: number, rel: string) => {
    const q = new URLSearchParams(query);
    q.set("per_page", String(perPage));
    q.set("page", String(p));
    return `<${selfUrl}?${q}>; rel="${rel}"`;
  };
  const links = [page < last ? link(page + 1, "next") : null, page < last ? link(last, "last") : null, page > 1 ? link(1, "first") : null, page > 1 ? link(page - 1, "prev") : null].filter((x): x is string => x !== null);
  return { items: items.slice((page - 1) * perPage, page * perPage), headers: links.length ? { link: links.join(", ") } : {} };
}
