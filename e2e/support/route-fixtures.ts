// Which object each path parameter of a route names, the rows a call touches, who holds a
// permission, and a valid body for a route (its contract's example or one built here).
import type { Permission } from "../../server/authz/permissions";
import type { RouteContract, RouteShape } from "../../server/http/define-route";
import { OWN_TENANT, permissionsIn, ROLE_USERS, tenantAdmin, type Persona, type TenantSlug } from "../fixtures";
import { unique } from "./api";
import { policyVersions, sql, TABLE_OF, tenantId, type ObjectKind } from "./db";
import type { Factory } from "./factory";
import { unboundInstallation } from "./github-fixtures";
import { fixturePolicy, fixtureTests } from "./policy-yaml";

/** Which object each path parameter names ({tenant} is filled by the caller). */
export const PARAM_KINDS: Record<string, ObjectKind | "audit" | "versionNumber" | "teamMember"> = {
  memberId: "member",
  invitationId: "invitation",
  teamId: "team",
  repositoryId: "repository",
  tokenId: "token",
  documentId: "policy",
  approvalId: "approval",
  webhookId: "webhook",
  deliveryId: "delivery",
  runId: "run",
  changesetId: "changeset",
  killSwitchId: "killSwitch",
  installationId: "installation",
  verifierProfileId: "verifierProfile",
  campaignId: "campaign",
  budgetId: "budget",
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

export async function latestVersionNumber(documentId: string): Promise<number> {
  const v = (await policyVersions(documentId)).at(-1);
  if (!v) throw new Error(`policy document ${documentId} has no version`);
  return v.number;
}

/** The path parameters of a route other than {tenant}. */
export const objectParams = (route: RouteShape) => [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).filter((p) => p !== "tenant");

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
  // A campaign over one fresh repository of the tenant (its canary), so a launch starts one run.
  "campaign.create": (values, u, factory) => campaignBody(values, u, factory),
  "campaign.preview": (values, u, factory) => campaignBody(values, u, factory),
  "campaign.update": (values, u, factory) => campaignBody(values, u, factory),
  // An installation Fleetgate knows (as a webhook leaves it) and that is bound to no tenant: binding it
  // needs github.bind, and its holder binds it without asking GitHub.
  "github.installation.bind": async () => ({ installationId: await unboundInstallation() }),
  // A person of the tenant who is in no team yet.
  "team.member.add": async (values, _u, factory) => {
    if (!factory) throw new Error("team.member.add: a valid body needs a new member; pass the factory to validBody");
    return { userId: String((await factory.member(values.tenant as TenantSlug)).userId) };
  },
};

/** A campaign spec over one fresh repository of the tenant, with a recipe agent (no model endpoint needed). */
export async function campaignBody(values: Record<string, string | number>, u: string, factory?: Factory) {
  if (!factory) throw new Error("a campaign body needs a repository; pass the factory to validBody");
  const repo = await factory.repository(values.tenant as TenantSlug);
  return {
    spec: {
      name: `e2e-campaign-${u}`, description: "written by the e2e tier",
      change: { taskClass: "docs_update", instruction: `e2e campaign ${u}`, agent: { kind: "recipe", recipe: "apiVersion: fleetgate/v1\nkind: Recipe\nmetadata: { name: e2e }\nsteps:\n  - write: { path: E2E.md, content: x }\n" } },
      // A detection step, so "detect now" (campaign.detect) on the fixture campaign is accepted (202).
      detection: { argv: ["test", "-e", "E2E.md"] },
      targets: { repositories: [`${String(repo.owner)}/${String(repo.name)}`] },
      autonomy: "draft_pr",
      waves: { canary: 1 },
    },
  };
}

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
  if (!example || typeof example !== "object") throw new Error(`${route.id} takes a body but has no example body in its contract (nor in BODY_FOR, e2e/support/route-fixtures.ts)`);
  const body = fillUnique(structuredClone(example), u) as Record<string, unknown>;
  if (typeof body.email === "string") body.email = `e2e-${u}@example.test`;
  for (const k of ["slug", "name"]) if (typeof body[k] === "string") body[k] = `${body[k] as string}-${u}`.replace(/\s+/g, "-").toLowerCase();
  // Where a create leaves nothing else unique (webhooks), its description tells its row apart.
  if (typeof body.description === "string") body.description = `${body.description} ${u}`;
  return body;
}

/**
 * A request that needs a route's further permission (its contract's alsoRequires), and what the
 * holder (the platform admin) gets. Where success would change what every tenant shares (the seeded
 * platform policy, a global switch that stays set), the request goes past the permission to the
 * operation's own next answer instead, which leaves the shared row as it was.
 */
export type ConditionalTrigger = {
  holder?: { status: number; message: RegExp };
  make: (u: string) => Promise<{ values?: Record<string, string | number>; body?: Record<string, unknown> }>;
};

/** The seeded platform policy whose active version the policy triggers address (every tenant sees it). */
async function seededPlatformPolicy() {
  const [row] = await sql<{ id: string; number: number; content: string; tests: string }>(
    `SELECT d.id, v.number, v.content, v.tests FROM "PolicyDocument" d JOIN "PolicyVersion" v ON v."documentId" = d.id
      WHERE d."scopeKey" = 'platform' AND v.state = 'active' ORDER BY d.name LIMIT 1`,
  );
  if (!row) throw new Error("no active platform policy in the e2e database");
  return row;
}

export const CONDITIONAL_TRIGGERS: Record<string, ConditionalTrigger> = {
  // The holder's switch is released at once by the matrix (api-matrix.spec.ts).
  "killswitch.set": { make: async (u) => ({ body: { level: "global", effects: ["pr_creation"], reason: `e2e global switch ${u}` } }) },
  // A global switch that is already released: the holder is told so, and nothing stops meanwhile.
  "killswitch.release": {
    holder: { status: 409, message: /^already released by e2e/ },
    make: async (u) => {
      const id = `e2e-global-${u}`;
      await sql(
        `INSERT INTO "KillSwitch" (id, "tenantId", level, effects, reason, "setByLabel", "setAt", "releasedAt", "releasedByLabel", "releaseReason")
         VALUES ($1, NULL, 'global', ARRAY['pr_creation'], $2, 'e2e', now(), now(), 'e2e', 'fixture')`, [id, `e2e fixture ${u}`],
      );
      return { values: { killSwitchId: id }, body: { reason: "released by the API test" } };
    },
  },
  // The holder's global pause is resumed at once by the matrix.
  "scheduler.pause": { make: async (u) => ({ body: { scope: "global", reason: `e2e global pause ${u}` } }) },
  "scheduler.resume": { make: async () => ({ body: { scope: "global" } }) },
  // An installation bound to no tenant: its holder binds it (without asking GitHub, which knows it from a webhook).
  "github.installation.bind": { make: async () => ({ body: { installationId: await unboundInstallation() } }) },
  // A platform price dated in the past: past the permission, the holder is told so (422), so none is left behind.
  "price.version.add": {
    holder: { status: 422, message: /^invalid body: body\.effectiveFrom is in the past/ },
    make: async (u) => ({ body: { scope: "platform", kind: "model", subject: `e2e-platform-${u}`, inputMicros: 1_000_000, outputMicros: 2_000_000, effectiveFrom: "2026-01-02T00:00:00Z", note: `e2e platform price ${u}` } }),
  },
  "member.invite": { make: async (u) => ({ body: { email: `e2e-pw-${u}@example.test`, roles: ["viewer"], initialPassword: "an e2e password long enough" } }) },
  // A platform document whose test suite is not one: past the permission, the draft is refused (422), so none is left behind.
  "policy.create": {
    holder: { status: 422, message: /^\d+ problem\(s\); first: / },
    make: async (u) => ({
      body: {
        content: fixturePolicy(`e2e-platform-${u}`, `e2e-${u}`).replace("level: tenant", "level: platform"),
        tests: "- not a test suite\n",
        message: "a platform policy from the API test",
      },
    }),
  },
  "policy.version.save": {
    holder: { status: 422, message: /cannot rename its document/ },
    make: async (u) => {
      const p = await seededPlatformPolicy();
      return { values: { documentId: p.id }, body: { content: p.content.replace(/^(\s+name:\s*)(\S+)/m, `$1$2-renamed-${u}`), tests: p.tests, message: "renamed by the API test" } };
    },
  },
  "policy.version.shadow": {
    holder: { status: 409, message: /only a draft can go into shadow/ },
    make: async () => {
      const p = await seededPlatformPolicy();
      return { values: { documentId: p.id, number: p.number } };
    },
  },
  "policy.activation.request": {
    holder: { status: 409, message: /only a draft or shadow version can be activated/ },
    make: async () => {
      const p = await seededPlatformPolicy();
      return { values: { documentId: p.id, number: p.number }, body: { note: "requested by the API test" } };
    },
  },
  "policy.version.rollback": {
    holder: { status: 404, message: /^version 9999 not found$/ },
    make: async () => ({ values: { documentId: (await seededPlatformPolicy()).id, number: 9999 }, body: { message: "rolled back by the API test" } }),
  },
};
