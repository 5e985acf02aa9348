// Request contexts per caller (worker-scoped, so the matrix reuses one per persona) and a way to
// call a route contract with its {params} filled. Fresh objects: factory.ts; which object a path
// parameter names and a valid body for a route: route-fixtures.ts.
import { randomUUID } from "node:crypto";
import { test as base, expect, request, type APIRequestContext, type APIResponse } from "@playwright/test";
import type { Permission } from "../../server/authz/permissions";
import type { RouteShape } from "../../server/http/define-route";
import { ERROR_STATUS } from "../../server/core/app-error";
import type { TenantRole } from "../../server/authz/roles";
import {
  FOREIGN_TENANT, OWN_TENANT, permissionsIn, PLATFORM_ADMIN, ROLE_USERS, storageStateOf, tenantAdmin, type Persona, type TenantSlug,
} from "../fixtures";
import { BASE_URL } from "./env";
import { policyVersions, sql, TABLE_OF, tenantId, type ObjectKind } from "./db";
import { fixturePolicy, fixtureTests } from "./policy-yaml";
import { signIn } from "./sign-in";

export type Caller = Persona | "anonymous" | { token: string; label: string };

export type Contexts = { as: (who: Caller) => Promise<APIRequestContext> };

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
export function pathOf(route: RouteShape, values: Record<string, string | number>): string {
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

export async function call(ctx: APIRequestContext, route: RouteShape, o: CallOptions): Promise<APIResponse> {
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
