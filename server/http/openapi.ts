// The OpenAPI 3.1 document, generated from the route contracts' zod schemas.
import { z } from "zod";
import { PERSONAL_ROUTES, ROUTES } from "../contracts/routes";
import { ERROR_STATUS } from "../core/app-error";
import type { RouteContract, RouteShape } from "./define-route";
import { ROUTE_CONDITIONS } from "./route-conditions";

const schema = (t: z.ZodType, io: "input" | "output") => z.toJSONSchema(t, { io, unrepresentable: "any" });

const ERROR = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      properties: {
        code: { type: "string", enum: Object.keys(ERROR_STATUS) },
        message: { type: "string" },
        details: { type: "object", description: "issues: [{ path, message }] for validation errors" },
      },
    },
  },
};

function parameters(obj: z.ZodType | undefined, where: "path" | "query") {
  if (!obj) return [];
  const json = schema(obj, "input") as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name, in: where, required: where === "path" || (json.required ?? []).includes(name), schema: s,
  }));
}

type Access = { permission?: string; alsoRequires?: { permission: string; when: string; because: string }[]; forbidden: string; security: Record<string, []>[] };

/** A tenant route's access: its permission, and the further ones some requests need (x-also-requires). */
function tenantAccess(r: RouteContract): Access {
  const also = (r.alsoRequires ?? []).map((a) => ({ permission: a.permission, when: ROUTE_CONDITIONS[a.when].description, because: a.because }));
  const forbidden = [`Missing permission ${r.permission}`, ...also.map((a) => `missing permission ${a.permission} when ${a.when} (${a.because})`)].join("; or ");
  return { permission: r.permission, ...(also.length ? { alsoRequires: also } : {}), forbidden, security: [{ session: [] }, { bearer: [] }] };
}

function operation(r: RouteShape, access: Access) {
  const responses: Record<string, unknown> = {
    [String(r.status ?? 200)]: { description: "OK", content: { [r.produces ?? "application/json"]: { schema: schema(r.response, "output") } } },
  };
  for (const [code, text] of [[400, "Malformed request"], [401, "Not signed in"], [403, access.forbidden], [404, "Not found, or another tenant's"], [422, "Invalid fields"]] as const) {
    responses[code] = { description: text, content: { "application/json": { schema: ERROR } } };
  }
  return {
    operationId: r.id,
    summary: r.summary,
    tags: [r.tag],
    ...(access.permission ? { "x-permission": access.permission } : {}),
    ...(access.alsoRequires ? { "x-also-requires": access.alsoRequires } : {}),
    security: access.security,
    parameters: [...parameters(r.params, "path"), ...parameters(r.query, "query")],
    ...(r.body ? { requestBody: { required: true, content: { "application/json": { schema: schema(r.body, "input") } } } } : {}),
    responses,
  };
}

export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  const add = (r: RouteShape, op: unknown) => {
    paths[r.path] ??= {};
    paths[r.path]![r.method.toLowerCase()] = op;
  };
  for (const r of ROUTES) add(r, operation(r, tenantAccess(r)));
  for (const r of PERSONAL_ROUTES) add(r, operation(r, { forbidden: "Called with an API token: /api/v1/me is for a signed-in person", security: [{ session: [] }] }));
  return {
    openapi: "3.1.0",
    info: { title: "Fleetgate API", version: "1", description: "Governance portal for background coding agents. Every route under /api/v1/tenants is tenant-scoped (another tenant's objects answer 404); /api/v1/me is the signed-in person's own sessions and invitations." },
    servers: [{ url: "/" }],
    components: {
      securitySchemes: {
        session: { type: "apiKey", in: "cookie", name: "next-auth.session-token" },
        bearer: { type: "http", scheme: "bearer", description: "An API token (fg_...) created under Admin > API tokens" },
      },
    },
    paths,
  };
}
