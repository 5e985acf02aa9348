// The matrix's callers: each tenant role of acme, the platform admin, the two-tenant consultant, two
// API tokens and anonymous, with the permissions each holds in a tenant, and the spec fixture that
// mints the tokens once per worker. Also how a matrix request's outcome and created rows are checked.
import type { APIResponse } from "@playwright/test";
import { permissionsOfRoles, type Permission } from "../../server/authz/permissions";
import type { TenantRole } from "../../server/authz/roles";
import type { RouteContract } from "../../server/http/define-route";
import { CONSULTANT, OWN_TENANT, PLATFORM_ADMIN, permissionsIn, ROLE_USERS, tenantAdmin, type Persona, type TenantSlug } from "../fixtures";
import { expect, expectError, test as apiTest, type Caller } from "./api";
import { sql } from "./db";
import { Factory } from "./factory";
import { policyNameOf } from "./policy-yaml";
import type { Expectation } from "./matrix-expectations";

// The API token callers: made by acme's tenant admin, each holding its roles' permissions
// intersected with what its creator may do. A token may never hold more than its creator, so
// these are the token shapes a tenant admin can mint: a reader and a full admin.
export const TOKEN_TENANT: TenantSlug = OWN_TENANT;
export const TOKENS = { reader: ["viewer"], admin: ["tenant_admin"] } as const satisfies Record<string, readonly TenantRole[]>;
export type TokenName = keyof typeof TOKENS;
export type TokenCaller = { token: string; label: string };

export const test = apiTest.extend<{ factory: Factory }, { matrixTokens: Record<TokenName, TokenCaller> }>({
  matrixTokens: [
    async ({ as }, use) => {
      const f = new Factory(as);
      const out = {} as Record<TokenName, TokenCaller>;
      for (const name of Object.keys(TOKENS) as TokenName[]) {
        out[name] = { token: String((await f.token(TOKEN_TENANT, [...TOKENS[name]])).token), label: `token:${name}` };
      }
      await use(out);
    },
    { scope: "worker" },
  ],
  factory: async ({ as }, use) => {
    const factory = new Factory(as);
    await use(factory);
    await factory.dispose();
  },
});

export type MatrixCaller =
  | { label: string; kind: "persona"; persona: Persona }
  | { label: string; kind: "anonymous" }
  | { label: string; kind: "token"; token: TokenName };

export const CALLERS: MatrixCaller[] = [
  ...Object.values(ROLE_USERS[OWN_TENANT]).map((p) => ({ label: p.key, kind: "persona" as const, persona: p })),
  { label: PLATFORM_ADMIN.key, kind: "persona", persona: PLATFORM_ADMIN },
  { label: `${CONSULTANT.key} (acme: ${CONSULTANT.roles.acme}; globex: ${CONSULTANT.roles.globex})`, kind: "persona", persona: CONSULTANT },
  ...(Object.keys(TOKENS) as TokenName[]).map((t) => ({ label: `api-token (${TOKENS[t].join("+")} in ${TOKEN_TENANT})`, kind: "token" as const, token: t })),
  { label: "anonymous", kind: "anonymous" },
];

export function grantedTo(c: MatrixCaller, tenant: string): ReadonlySet<Permission> | null {
  if (c.kind === "persona") return permissionsIn(c.persona, tenant);
  if (c.kind === "token") {
    if (tenant !== TOKEN_TENANT) return null;
    const creator = permissionsIn(tenantAdmin(TOKEN_TENANT), tenant)!;
    return new Set([...permissionsOfRoles(TOKENS[c.token])].filter((p) => creator.has(p)));
  }
  return null;
}


// Where a create route's new row would appear, found by the unique value of its body.
export const CREATED_ROW: Record<string, { table: string; column: string; value?: (body: Record<string, unknown>) => unknown }> = {
  members: { table: "Invitation", column: "email" },
  teams: { table: "Team", column: "slug" },
  repositories: { table: "Repository", column: "name" },
  tokens: { table: "ApiToken", column: "name" },
  policies: { table: "PolicyDocument", column: "name", value: (body) => policyNameOf(body.content) },
  webhooks: { table: "WebhookEndpoint", column: "description" },
  tasks: { table: "Task", column: "instruction" },
  killswitches: { table: "KillSwitch", column: "reason" },
  "verifier-profiles": { table: "VerifierProfile", column: "name" },
  campaigns: { table: "Campaign", column: "name", value: (body) => (body.spec as { name: string }).name },
  prices: { table: "Price", column: "note" },
  budgets: { table: "Budget", column: "name" },
};

export async function createdRows(route: RouteContract, body: Record<string, unknown>): Promise<number> {
  const where = CREATED_ROW[route.tag];
  if (!where) throw new Error(`${route.id} creates something, but CREATED_ROW in e2e/support/matrix-callers.ts does not say where to look for it`);
  const value = where.value ? where.value(body) : body[where.column];
  const rows = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "${where.table}" WHERE "${where.column}" = $1`, [value]);
  return rows[0]!.n;
}

export const toCaller = (c: MatrixCaller, tokens: Record<TokenName, TokenCaller>): Caller =>
  c.kind === "anonymous" ? "anonymous" : c.kind === "token" ? tokens[c.token] : c.persona;

export async function expectOutcome(res: APIResponse, exp: Expectation): Promise<Record<string, unknown> | null> {
  if (exp.status >= 400) {
    await expectError(res, exp.status, exp.message);
    return null;
  }
  expect(res.status(), `${res.url()}: ${(await res.text()).slice(0, 300)}`).toBe(exp.status);
  // A download (text/csv) is a success with no JSON to hand back.
  if (exp.contentType) {
    expect(res.headers()["content-type"]?.split(";")[0]).toBe(exp.contentType);
    return {};
  }
  expect(res.headers()["content-type"]).toMatch(/^application\/json/);
  return (await res.json()) as Record<string, unknown>;
}
