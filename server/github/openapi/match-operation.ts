// Finds which of the extract's operations a concrete request is: `/repos/acme/x/pulls/3` -> the template
// `/repos/{owner}/{repo}/pulls/{pull_number}`. A parameter GitHub marks `x-multi-segment` (a ref such as
// `heads/feature/x`) may span several segments; when two templates match, the one with more literal
// segments wins (`/commits/{ref}/status` over `/commits/{ref}` with ref `abc/status`).
import { derefComponent } from "./load-extract";
import type { GithubRestExtract } from "./extract-schema";
import type { HttpMethod } from "./operations";

export type MatchedOperation = {
  method: HttpMethod;
  template: string;
  operation: Record<string, unknown>;
  parameters: Record<string, unknown>[];
  pathParams: Record<string, string>;
};

type Route = Omit<MatchedOperation, "pathParams"> & { pattern: RegExp; names: string[]; literals: number };

const routeTables = new WeakMap<GithubRestExtract, Route[]>();

export function operationParameters(extract: GithubRestExtract, operation: Record<string, unknown>): Record<string, unknown>[] {
  return (Array.isArray(operation.parameters) ? operation.parameters : []).map((p) => derefComponent(extract, p));
}

function buildRoutes(extract: GithubRestExtract): Route[] {
  return Object.entries(extract.paths).flatMap(([template, item]) => Object.entries(item).map(([method, operation]) => {
    const parameters = operationParameters(extract, operation);
    const multi = new Set(parameters.filter((p) => p.in === "path" && p["x-multi-segment"] === true).map((p) => p.name));
    const names: string[] = [];
    const source = template.split("/").map((segment) => segment.replace(/\{([^}]+)\}|[^{]+/g, (part, name?: string) => {
      if (!name) return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      names.push(name);
      return multi.has(name) ? "(.+)" : "([^/]+)";
    })).join("/");
    const literals = template.split("/").filter((s) => s && !s.includes("{")).length;
    return { method: method as HttpMethod, template, operation, parameters, pattern: new RegExp(`^${source}$`), names, literals };
  }));
}

export function matchOperation(extract: GithubRestExtract, method: string, path: string): MatchedOperation | undefined {
  let routes = routeTables.get(extract);
  if (!routes) routeTables.set(extract, (routes = buildRoutes(extract)));
  let best: { route: Route; values: string[] } | undefined;
  for (const route of routes) {
    if (route.method !== method.toLowerCase()) continue;
    const m = route.pattern.exec(path);
    if (m && (!best || route.literals > best.route.literals)) best = { route, values: m.slice(1) };
  }
  if (!best) return undefined;
  const { pattern: _p, names, literals: _l, ...rest } = best.route;
  const pathParams = Object.fromEntries(names.map((n, i) => [n, safeDecode(best.values[i]!)]));
  return { ...rest, pathParams };
}

function safeDecode(s: string): string {
  try { return decodeURIComponent(s); } catch { return s; }
}
