// Request contexts per caller (worker-scoped, so the matrix reuses one per persona), a way to call
// a route contract with its {params} filled, and factories for fresh objects created through the
// API by the tenant's own admin.
import { randomUUID } from "node:crypto";
import { test as base, expect, type APIRequestContext, type APIResponse } from "@playwright/test";
import type { RouteContract } from "../../server/http/define-route";
import { ERROR_STATUS } from "../../server/http/app-error";
import { PLATFORM_ADMIN, storageStateOf, tenantAdmin, type Persona, type TenantSlug } from "../fixtures";
import { BASE_URL } from "./env";
import { sql, tenantId, type ObjectKind } from "./db";

export type Caller = Persona | "anonymous" | { token: string; label: string };

type Contexts = { as: (who: Caller) => Promise<APIRequestContext> };

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- no test-scoped fixtures here
export const test = base.extend<{}, Contexts>({
  as: [
    async ({ playwright }, use) => {
      const made = new Map<string, Promise<APIRequestContext>>();
      await use((who) => {
        const key = who === "anonymous" ? "anonymous" : "token" in who ? `token:${who.token}` : who.email;
        let ctx = made.get(key);
        if (!ctx) {
          ctx = playwright.request.newContext({
            baseURL: BASE_URL,
            ...(who === "anonymous" ? {} : "token" in who ? { extraHTTPHeaders: { authorization: `Bearer ${who.token}` } } : { storageState: storageStateOf(who) }),
          });
          made.set(key, ctx);
        }
        return ctx;
      });
      for (const ctx of made.values()) await (await ctx).dispose();
    },
    { scope: "worker" },
  ],
});

export { expect };

/** A short unique suffix, valid in e-mails, slugs and repository names. */
export const unique = () => randomUUID().replaceAll("-", "").slice(0, 10);

/** /api/v1/tenants/{tenant}/members/{memberId} with the values filled in. */
export function pathOf(route: RouteContract, values: Record<string, string | number>): string {
  return route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = values[name];
    if (v === undefined) throw new Error(`${route.id}: no value for path parameter {${name}}`);
    return encodeURIComponent(String(v));
  });
}

export type CallOptions = {
  values: Record<string, string | number>;
  body?: unknown;
  query?: Record<string, string>;
  requestId?: string;
  headers?: Record<string, string>;
};

export async function call(ctx: APIRequestContext, route: RouteContract, o: CallOptions): Promise<APIResponse> {
  const qs = o.query ? `?${new URLSearchParams(o.query)}` : "";
  return ctx.fetch(pathOf(route, o.values) + qs, {
    method: route.method,
    headers: { ...(o.requestId ? { "x-request-id": o.requestId } : {}), ...o.headers },
    // A string is sent byte for byte (Playwright would JSON-encode it under a JSON content type).
    ...(o.body !== undefined ? { data: typeof o.body === "string" ? Buffer.from(o.body) : o.body } : {}),
    failOnStatusCode: false,
  });
}

export type ErrorBody = { error: { code: string; message: string; details?: { issues?: { path: string; message: string }[] } & Record<string, unknown> } };

/** Every error answers { error: { code, message, details } } with the code that matches the status, and no stack. */
export async function expectError(res: APIResponse, status: number, message?: string | RegExp): Promise<ErrorBody> {
  const text = await res.text();
  expect(res.status(), `${res.url()} answered ${text.slice(0, 300)}`).toBe(status);
  expect(res.headers()["content-type"]).toMatch(/^application\/json/);
  const body = JSON.parse(text) as ErrorBody;
  expect(typeof body.error?.code).toBe("string");
  expect(typeof body.error?.message).toBe("string");
  expect(ERROR_STATUS[body.error.code as keyof typeof ERROR_STATUS], `code ${body.error.code} for status ${status}`).toBe(status);
  expectNoStack(text);
  if (message !== undefined) expect(body.error.message).toMatch(message);
  return body;
}

export function expectNoStack(text: string): void {
  expect(text, "no stack trace or source path in a response").not.toMatch(/\n\s+at |\bat [\w.<>]+ \(|node_modules|\.(ts|tsx|js):\d+|webpack|turbopack/i);
}

/**
 * Creates fresh objects through the API, as the admin of the tenant they belong to (a person with a
 * local password as the platform admin: only platform admins may set one).
 */
export class Factory {
  constructor(private readonly as: Contexts["as"]) {}

  private async post(tenant: TenantSlug, what: string, body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const ctx = await this.as("initialPassword" in body ? PLATFORM_ADMIN : tenantAdmin(tenant));
    const res = await ctx.post(`/api/v1/tenants/${tenant}/${what}`, { data: body, failOnStatusCode: false });
    expect(res.status(), `creating ${what} in ${tenant}: ${await res.text()}`).toBe(201);
    return (await res.json()) as Record<string, unknown>;
  }

  member(tenant: TenantSlug, extra: Record<string, unknown> = {}) {
    const u = unique();
    return this.post(tenant, "members", { email: `e2e-${u}@example.test`, name: `E2E ${u}`, roles: ["viewer"], ...extra });
  }
  team(tenant: TenantSlug) {
    const u = unique();
    return this.post(tenant, "teams", { slug: `e2e-${u}`, name: `E2E team ${u}` });
  }
  repository(tenant: TenantSlug) {
    return this.post(tenant, "repositories", { owner: "e2e", name: `repo-${unique()}`, riskTier: "standard" });
  }
  token(tenant: TenantSlug, roles: string[] = ["viewer"]) {
    return this.post(tenant, "tokens", { name: `e2e-${unique()}`, roles, expiresInDays: 1 });
  }

  /** A fresh object of the kind a path parameter names, returning the parameter value. */
  async objectFor(param: string, tenant: TenantSlug): Promise<string | number> {
    const kind = PARAM_KINDS[param];
    if (!kind) throw new Error(`no fixture for path parameter {${param}}: add it to PARAM_KINDS in e2e/support/api.ts`);
    if (kind === "audit") return latestAuditSeq(tenant);
    const created = await this[kind](tenant);
    return String(created.id);
  }
}

/** Which object each path parameter names ({tenant} is filled by the caller). */
export const PARAM_KINDS: Record<string, ObjectKind | "audit"> = {
  memberId: "member",
  teamId: "team",
  repositoryId: "repository",
  tokenId: "token",
  seq: "audit",
};

export async function latestAuditSeq(tenant: TenantSlug): Promise<number> {
  const rows = await sql<{ seq: string }>(`SELECT max(seq)::text AS seq FROM "AuditEvent" WHERE "tenantId" = $1`, [await tenantId(tenant)]);
  return Number(rows[0]!.seq);
}

/** The path parameters of a route other than {tenant}. */
export const objectParams = (route: RouteContract) => [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).filter((p) => p !== "tenant");
