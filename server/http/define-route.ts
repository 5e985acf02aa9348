// A route's contract: method, path, permission (a tenant's routes, with the further permissions some
// of its requests need) and zod schemas. The handler wrapper, the OpenAPI document and the
// authorization matrix test all read the same contract.
import { z } from "zod";
import type { Permission } from "../authz/permissions";
import type { RouteConditionInput, RouteConditionName } from "./route-conditions";
import type { Infer } from "./route-input";

export type HttpMethod = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

export const ZTenantParam = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "must be a tenant slug");
export const ZId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "must be an id");

/** What every route declares: method, path and zod schemas. */
export type RouteShape<
  P extends z.ZodObject = z.ZodObject,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
> = {
  id: string;
  method: HttpMethod;
  /** OpenAPI-style path, e.g. /api/v1/tenants/{tenant}/members/{memberId}. */
  path: string;
  summary: string;
  tag: string;
  params: P;
  query?: Q;
  body?: B;
  response: R;
  /** What a successful answer is: JSON unless it says text/csv (a download; response describes the text). */
  produces?: "text/csv";
  status?: number;
  /** A POST that only computes (previews, evaluations): runs outside a transaction and audits nothing. */
  readOnly?: true;
  /** A valid request, used by the API tests. Path values in {braces} are filled from fixtures. */
  example?: { query?: Record<string, string>; body?: unknown };
};

/**
 * A further permission some requests of a route need, e.g. a global kill switch needs
 * killswitch.global on top of killswitch.set. withAuthz checks it once the request is parsed.
 */
export type ConditionalPermission<When extends RouteConditionName = RouteConditionName> = {
  permission: Permission;
  /** The request needs it when this named condition (server/http/route-conditions.ts) holds. */
  when: When;
  /** Why, for the 403 and the API document ("a global kill switch stops every tenant"). */
  because: string;
};

/** The request as withAuthz hands it on, parsed. */
export type ParsedRequest<P extends z.ZodObject, Q extends z.ZodType, B extends z.ZodType> = { params: z.infer<P>; query: Infer<Q>; body: Infer<B> };

/** The conditions that can be asked of a route's requests: those whose input its request has. */
export type ConditionOf<P extends z.ZodObject, Q extends z.ZodType, B extends z.ZodType> = {
  [K in RouteConditionName]: ParsedRequest<P, Q, B> extends RouteConditionInput<K> ? K : never;
}[RouteConditionName];

/** A tenant's route (served by withAuthz). */
export type RouteContract<
  P extends z.ZodObject = z.ZodObject,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
> = RouteShape<P, Q, B, R> & {
  /** The permission the route needs in the tenant named by the {tenant} path parameter. */
  permission: Permission;
  /** Further permissions some of its requests need (see ConditionalPermission). */
  alsoRequires?: readonly ConditionalPermission[];
};

/**
 * A person's route under /api/v1/me (served by withPerson): it acts on the signed-in person's own
 * things (their sessions, their invitations), so it needs no tenant permission, only that person.
 */
export type PersonalRouteContract<
  P extends z.ZodObject = z.ZodObject,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
> = RouteShape<P, Q, B, R>;

export function definePersonalRoute<P extends z.ZodObject, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType>(
  c: PersonalRouteContract<P, Q, B, R>,
): PersonalRouteContract<P, Q, B, R> {
  return c;
}

/** A tenant's route; its alsoRequires may name only conditions its own request can answer. */
export function defineRoute<P extends z.ZodObject, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType>(
  c: RouteContract<P, Q, B, R> & { alsoRequires?: readonly ConditionalPermission<NoInfer<ConditionOf<P, Q, B>>>[] },
): RouteContract<P, Q, B, R> {
  return c;
}

export const isMutation = (c: Pick<RouteContract, "method" | "readOnly">) => c.method !== "GET" && !c.readOnly;
