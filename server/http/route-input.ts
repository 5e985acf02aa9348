// The parsing steps every route wrapper takes, in the order they run: path parameters first (a
// malformed one answers as for a missing object), query and body once the caller may use the route.
import type { z } from "zod";
import { AppError } from "../core/app-error";
import type { RouteShape } from "./define-route";
import { parseWith, queryObject, readJsonBody } from "./parse-input";

export type Infer<T> = Exclude<T, undefined> extends z.ZodType ? z.infer<Exclude<T, undefined>> : undefined;

/** Next.js' second argument; a path without dynamic segments may come without params. */
export type NextContext = { params?: Promise<Record<string, string | string[]>> };

export async function routeParams<C extends RouteShape>(contract: C, next: NextContext): Promise<z.infer<C["params"]>> {
  const parsed = contract.params.safeParse((await next?.params) ?? {});
  // A malformed id can never name an object the caller may see: answer as for a missing one.
  if (!parsed.success) throw new AppError("not_found", "not found");
  return parsed.data as z.infer<C["params"]>;
}

export async function routeQueryAndBody<C extends RouteShape>(contract: C, req: Request): Promise<{ query: Infer<C["query"]>; body: Infer<C["body"]> }> {
  const query = (contract.query ? parseWith(contract.query, queryObject(new URL(req.url)), "query") : undefined) as Infer<C["query"]>;
  const body = (contract.body ? parseWith(contract.body, await readJsonBody(req), "body") : undefined) as Infer<C["body"]>;
  return { query, body };
}
