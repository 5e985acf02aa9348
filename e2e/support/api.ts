// Request contexts per caller (worker-scoped, so the matrix reuses one per persona), a way to call
// a route contract with its {params} filled and a valid body, and factories for fresh objects
// created through the API by the tenant's own admin (policy documents and their approval requests:
// by a policy admin who is none of the matrix's callers).
import { randomUUID } from "node:crypto";
import { test as base, expect, request, type APIRequestContext, type APIResponse } from "@playwright/test";
import type { Permission } from "../../server/authz/permissions";
import type { RouteContract } from "../../server/http/define-route";
import { ERROR_STATUS } from "../../server/http/app-error";
import type { TenantRole } from "../../server/authz/roles";
import {
  FOREIGN_TENANT, OWN_TENANT, permissionsIn, PLATFORM_ADMIN, ROLE_USERS, storageStateOf, tenantAdmin, type Persona, type TenantSlug,
} from "../fixtures";
import { BASE_URL } from "./env";
import { policyVersions, sql, TABLE_OF, tenantId, type ObjectKind } from "./db";
import { fixturePolicy, fixtureTests } from "./policy-yaml";
import { signIn } from "./sign-in";

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
 * local password as the platform admin: only platform admins may set one). Policy documents are
 * written, and their activation requested, by a policy admin who is none of the matrix's callers
 * (see policyAuthor), so the approval request is neither raised nor authored by any caller, and
 * every caller the rule accepts may vote on it. Webhooks are bounded per tenant: the ones made here
 * are removed by dispose() when the test ends.
 */
export class Factory {
  private readonly webhooks: string[] = [];

  constructor(private readonly as: Contexts["as"]) {}

  private async post(tenant: TenantSlug, what: string, body: Record<string, unknown>, who?: Persona): Promise<Record<string, unknown>> {
    const ctx = await this.as(who ?? ("initialPassword" in body ? PLATFORM_ADMIN : tenantAdmin(tenant)));
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
  /**
   * A run waiting for approval, with a timeline entry and a patch, on a fresh repository: written
   * straight to the database, since no worker or reconciler touches a waiting run, so it stays as it
   * is while a test reads it. Its requester is none of the callers.
   */
  async run(tenant: TenantSlug) {
    const repositoryId = String((await this.repository(tenant)).id);
    const u = unique();
    const tid = await tenantId(tenant);
    const patch = `diff --git a/NOTES.md b/NOTES.md\nnew file mode 100644\n--- /dev/null\n+++ b/NOTES.md\n@@ -0,0 +1 @@\n+e2e ${u}\n`;
    await sql(`INSERT INTO "Task" (id, "tenantId", "repositoryId", "taskClass", "agentKind", recipe, instruction, autonomy, "requesterLabel")
      VALUES ($1, $2, $3, 'config_migration', 'recipe', 'apiVersion: fleetgate/v1', 'e2e fixture', 'dry_run_patch', 'e2e-fixture@example.test')`, [`e2e-task-${u}`, tid, repositoryId]);
    await sql(`INSERT INTO "Run" (id, "tenantId", "taskId", "repositoryId", "taskClass", "requesterLabel", state, "updatedAt")
      VALUES ($1, $2, $3, $4, 'config_migration', 'e2e-fixture@example.test', 'awaiting_approval', now())`, [`e2e-run-${u}`, tid, `e2e-task-${u}`, repositoryId]);
    await sql(`INSERT INTO "RunEvent" (id, "tenantId", "runId", seq, kind, "toState", message) VALUES ($1, $2, $3, 1, 'transition', 'queued', 'e2e fixture')`, [`e2e-event-${u}`, tid, `e2e-run-${u}`]);
    await sql(`INSERT INTO "RunArtifact" (id, "tenantId", "runId", kind, sha256, size, content) VALUES ($1, $2, $3, 'patch', encode(sha256(convert_to($4, 'UTF8')), 'hex'), length($4), $4)`, [`e2e-patch-${u}`, tid, `e2e-run-${u}`, patch]);
    return { id: `e2e-run-${u}` };
  }

  /** A repository kill switch (stopping new runs) on a fresh repository: nothing else is disturbed, and releasing it needs no approval. */
  async killSwitch(tenant: TenantSlug) {
    const target = String((await this.repository(tenant)).id);
    const created = await this.post(tenant, "kill-switches", { level: "repository", target, effects: ["new_runs"], reason: `e2e fixture ${unique()}` });
    return created.killSwitch as { id: string };
  }

  token(tenant: TenantSlug, roles: string[] = ["viewer"]) {
    return this.post(tenant, "tokens", { name: `e2e-${unique()}`, roles, expiresInDays: 1 });
  }

  /** A new member of the tenant added to the team; returns the person's user id. */
  async teamMember(tenant: TenantSlug, teamId: string): Promise<string> {
    const member = await this.member(tenant);
    const userId = String(member.userId);
    await this.post(tenant, `teams/${teamId}/members`, { userId });
    return userId;
  }

  /** A webhook to an address nobody answers (removed again by dispose). */
  async webhook(tenant: TenantSlug) {
    const created = await this.post(tenant, "webhooks", { url: "https://hooks.example.test/e2e", description: `e2e fixture ${unique()}`, events: ["approval.decided"] });
    this.webhooks.push(String(created.id));
    return created;
  }

  /**
   * A finished delivery of the webhook: a test event (ping), marked failed as the worker leaves one
   * after its last attempt, so that it stays as it is and may be sent again.
   */
  async delivery(tenant: TenantSlug, webhookId: string): Promise<string> {
    const delivery = await this.post(tenant, `webhooks/${webhookId}/ping`, {});
    const id = String(delivery.id);
    // Waits for an attempt in progress (it holds the row) to finish.
    await sql(`UPDATE "WebhookDelivery" SET state = 'failed', "lastError" = 'e2e fixture: no receiver' WHERE id = $1`, [id]);
    return id;
  }

  /** Removes a webhook (fixture or made by the test) when the test ends. */
  forgetWebhook(id: string) {
    this.webhooks.push(id);
  }

  async dispose(): Promise<void> {
    if (this.webhooks.length) await sql(`DELETE FROM "WebhookEndpoint" WHERE id = ANY($1)`, [this.webhooks.splice(0)]);
  }

  /** A tenant policy document whose version 1 is a draft with passing tests; returns the created version and the document's id. */
  async policy(tenant: TenantSlug, o: { who?: Persona; tests?: (dir: string) => string } = {}) {
    const u = unique();
    const name = `e2e-fixture-${u}`;
    const dir = `e2e-${u}`;
    const body = { content: fixturePolicy(name, dir), tests: (o.tests ?? fixtureTests)(dir), message: "Fixture written by the API tests" };
    const saved = await this.post(tenant, "policies", body, o.who ?? (await this.policyAuthor(tenant)));
    return { ...saved, id: String(saved.documentId), name, dir };
  }

  /**
   * A pending activation request (an approval request of kind policy_activation) for a version of
   * the document, asked for by `who` (the policy author by default).
   */
  async activationRequest(tenant: TenantSlug, documentId: string, o: { number?: number; who?: Persona } = {}) {
    const number = o.number ?? (await latestVersionNumber(documentId));
    return this.post(tenant, `policies/${documentId}/versions/${number}/activation`, { note: "fixture for the API tests" }, o.who ?? (await this.policyAuthor(tenant)));
  }

  /** A pending approval request: a fresh document's activation, written and asked for by the policy author. */
  async approval(tenant: TenantSlug, o: { who?: Persona } = {}) {
    const doc = await this.policy(tenant, { who: o.who });
    const request = await this.activationRequest(tenant, doc.id, { who: o.who });
    return { ...request, id: String(request.id), document: doc };
  }

  /**
   * Who writes policy fixtures in a tenant: a policy admin who is none of the matrix's callers. In
   * globex that is the seeded policy admin; acme's seeded one is a matrix caller, so each test
   * worker adds one more person there (a local password set by the platform admin) and signs them in.
   */
  policyAuthor(tenant: TenantSlug): Promise<Persona> {
    let author = policyAuthors.get(tenant);
    if (!author) {
      author = tenant === FOREIGN_TENANT ? Promise.resolve(ROLE_USERS[tenant].policy_admin) : this.newPerson(tenant, ["policy_admin"], "policy-author");
      policyAuthors.set(tenant, author);
    }
    return author;
  }

  /** A new person of the tenant with a local password, signed in (storage state saved under their e-mail). */
  async newPerson(tenant: TenantSlug, roles: TenantRole[], label: string): Promise<Persona> {
    const u = unique();
    const email = `e2e-${label}-${u}@example.test`;
    const password = `e2e-${randomUUID()}`;
    await this.member(tenant, { email, name: `E2E ${label} ${u}`, roles, initialPassword: password });
    const ctx = await request.newContext({ baseURL: BASE_URL });
    try {
      const outcome = await signIn(ctx, email, password);
      if (!outcome.ok) throw new Error(`sign-in as ${email} failed: ${outcome.error}`);
      await ctx.storageState({ path: storageStateOf(email) });
    } finally {
      await ctx.dispose();
    }
    return { key: `${label}@${tenant}`, email, roles: { [tenant]: roles }, platformAdmin: false };
  }

  /**
   * A fresh object of the kind a path parameter names, returning the parameter value. `values` holds
   * the route's earlier parameters: a version number belongs to {documentId}, a team member to
   * {teamId}, a delivery to {webhookId}.
   */
  async objectFor(param: string, tenant: TenantSlug, values: Record<string, string | number> = {}): Promise<string | number> {
    const kind = PARAM_KINDS[param];
    if (!kind) throw new Error(`no fixture for path parameter {${param}}: add it to PARAM_KINDS in e2e/support/api.ts`);
    const owner = (name: string) => {
      const v = values[name];
      if (v === undefined) throw new Error(`{${param}} belongs to a {${name}}, which the route must name first`);
      return String(v);
    };
    switch (kind) {
      case "audit": return latestAuditSeq(tenant);
      case "versionNumber": return latestVersionNumber(owner("documentId"));
      case "teamMember": return this.teamMember(tenant, owner("teamId"));
      case "delivery": return this.delivery(tenant, owner("webhookId"));
      case "policy": return (await this.policy(tenant)).id;
      case "approval": return (await this.approval(tenant)).id;
      default: return String((await this[kind](tenant)).id);
    }
  }
}

// Per test worker: the policy author of each tenant (see Factory.policyAuthor).
const policyAuthors = new Map<TenantSlug, Promise<Persona>>();

/** Which object each path parameter names ({tenant} is filled by the caller). */
export const PARAM_KINDS: Record<string, ObjectKind | "audit" | "versionNumber" | "teamMember"> = {
  memberId: "member",
  teamId: "team",
  repositoryId: "repository",
  tokenId: "token",
  documentId: "policy",
  approvalId: "approval",
  webhookId: "webhook",
  deliveryId: "delivery",
  runId: "run",
  killSwitchId: "killSwitch",
  seq: "audit",
  number: "versionNumber",
  userId: "teamMember",
};

/** Is the parameter's value the id of a row (and not a number within something else)? */
export const namesRow = (param: string): boolean => {
  const kind = PARAM_KINDS[param];
  return kind !== undefined && kind in TABLE_OF;
};

/** The rows a route's path parameters name, in path order. */
export function rowsNamed(route: RouteContract, values: Record<string, string | number>): { kind: ObjectKind; id: string }[] {
  return objectParams(route).filter(namesRow).map((p) => ({ kind: PARAM_KINDS[p] as ObjectKind, id: String(values[p]) }));
}

export async function latestAuditSeq(tenant: TenantSlug): Promise<number> {
  const rows = await sql<{ seq: string }>(`SELECT max(seq)::text AS seq FROM "AuditEvent" WHERE "tenantId" = $1`, [await tenantId(tenant)]);
  return Number(rows[0]!.seq);
}

async function latestVersionNumber(documentId: string): Promise<number> {
  const v = (await policyVersions(documentId)).at(-1);
  if (!v) throw new Error(`policy document ${documentId} has no version`);
  return v.number;
}

/** The path parameters of a route other than {tenant}. */
export const objectParams = (route: RouteContract) => [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).filter((p) => p !== "tenant");

/** A person of the tenant's seeded roles who holds the permission, the tenant admin first. */
export function personaWith(permission: Permission, tenant: TenantSlug = OWN_TENANT): Persona {
  const candidates = [tenantAdmin(tenant), ...Object.values(ROLE_USERS[tenant])];
  const p = candidates.find((c) => permissionsIn(c, tenant)?.has(permission));
  if (!p) throw new Error(`no seeded role in ${tenant} holds ${permission}`);
  return p;
}

/** A person of the tenant's seeded roles who lacks the permission (undefined when every role holds it). */
export const personaWithout = (permission: Permission, tenant: TenantSlug = OWN_TENANT): Persona | undefined =>
  Object.values(ROLE_USERS[tenant]).find((c) => !permissionsIn(c, tenant)?.has(permission));

// Valid bodies for routes whose contract has no example, because a valid body depends on the
// object the path names (a new version keeps its document's name).
const BODY_FOR: Record<string, (values: Record<string, string | number>, u: string, factory?: Factory) => Promise<Record<string, unknown>>> = {
  "policy.version.save": async (values, u) => {
    const latest = (await policyVersions(String(values.documentId ?? ""))).at(-1);
    if (!latest) return { content: fixturePolicy(`e2e-${u}`, `e2e-${u}`), tests: fixtureTests(`e2e-${u}`), message: "Saved by the API test" };
    return { content: latest.content.replace(/^(\s+reason: .*)$/m, `$1 (edited ${u})`), tests: latest.tests, message: "Saved by the API test" };
  },
  "policy.activation.request": async () => ({ note: "requested by the API test" }),
  "policy.version.rollback": async () => ({ message: "rolled back by the API test" }),
  // A task needs a repository of the tenant; a fresh one has no remote, so its run fails at once
  // (infrastructure) instead of loading the e2e worker.
  "task.create": async (values, u, factory) => {
    if (!factory) throw new Error("task.create: a valid body needs a repository; pass the factory to validBody");
    const repositoryId = String((await factory.repository(values.tenant as TenantSlug)).id);
    return { repositoryId, taskClass: "config_migration", instruction: `e2e task ${u}`, agent: { kind: "recipe", recipe: "apiVersion: fleetgate/v1\nkind: Recipe\nmetadata: { name: e2e }\nsteps:\n  - write: { path: E2E.md, content: x }\n" } };
  },
  "killswitch.set": async (values, u, factory) => {
    if (!factory) throw new Error("killswitch.set: a valid body needs a repository; pass the factory to validBody");
    return { level: "repository", target: String((await factory.repository(values.tenant as TenantSlug)).id), effects: ["new_runs", "running"], reason: `e2e switch ${u}` };
  },
  // A person of the tenant who is in no team yet.
  "team.member.add": async (values, _u, factory) => {
    if (!factory) throw new Error("team.member.add: a valid body needs a new member; pass the factory to validBody");
    return { userId: String((await factory.member(values.tenant as TenantSlug)).userId) };
  },
};

const fillUnique = (v: unknown, u: string): unknown =>
  typeof v === "string" ? v.replaceAll("{unique}", u)
    : Array.isArray(v) ? v.map((x) => fillUnique(x, u))
      : v && typeof v === "object" ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fillUnique(x, u)])) : v;

/**
 * A valid body for the route (its contract's example, or BODY_FOR), with "{unique}" filled in and
 * the fields that must be unique per tenant made unique.
 */
export async function validBody(
  route: RouteContract, values: Record<string, string | number>, o: { u?: string; factory?: Factory } = {},
): Promise<Record<string, unknown> | undefined> {
  if (!route.body) return undefined;
  const u = o.u ?? unique();
  const example = route.example?.body ?? (await BODY_FOR[route.id]?.(values, u, o.factory));
  if (!example || typeof example !== "object") throw new Error(`${route.id} takes a body but has no example body in its contract (nor in BODY_FOR, e2e/support/api.ts)`);
  const body = fillUnique(structuredClone(example), u) as Record<string, unknown>;
  if (typeof body.email === "string") body.email = `e2e-${u}@example.test`;
  for (const k of ["slug", "name"]) if (typeof body[k] === "string") body[k] = `${body[k] as string}-${u}`.replace(/\s+/g, "-").toLowerCase();
  // Where a create leaves nothing else unique (webhooks), its description tells its row apart.
  if (typeof body.description === "string") body.description = `${body.description} ${u}`;
  return body;
}
