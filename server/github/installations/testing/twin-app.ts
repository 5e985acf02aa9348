// Integration-test helpers: the twin as the configured GitHub App (env pointing at it), tenants with
// people, a route handler called with any method, and removing the installation rows a file made
// (twin ids restart at the same numbers in every twin, and GitHub's installation id is unique).
import { randomBytes } from "node:crypto";
import { db } from "../../../db/client";
import { overrideEnv } from "../../../env";
import { tokenOf } from "../../../test/call-route";
import type { TestPerson, TestTenant } from "../../../test/run-as";
import { APP_ID, SECRET, startTwinFixture, type TwinFixture } from "../../twin/testing/twin-fixture";

export async function startTwinApp(): Promise<TwinFixture> {
  const f = await startTwinFixture();
  overrideEnv({ GITHUB_APP_ID: String(APP_ID), GITHUB_APP_PRIVATE_KEY_FILE: f.twin.privateKeyPath!, GITHUB_WEBHOOK_SECRET: SECRET, GITHUB_API_URL: f.twin.url });
  await forgetTwinInstallations(f);
  return f;
}

/** Removes the rows of the twin's installations (and unmaps their repositories). */
export async function forgetTwinInstallations(f: TwinFixture): Promise<void> {
  const ids = f.twin.ctx.store.data.installations.map((i) => BigInt(i.id));
  const rows = await db.githubInstallation.findMany({ where: { githubId: { in: ids } }, select: { id: true } });
  await db.repository.updateMany({ where: { githubInstallationId: { in: rows.map((r) => r.id) } }, data: { githubInstallationId: null } });
  await db.githubInstallation.deleteMany({ where: { id: { in: rows.map((r) => r.id) } } });
}

export async function addPlatformAdmin(label: string): Promise<TestPerson> {
  const user = await db.user.create({ data: { email: `${label}-${randomBytes(4).toString("hex")}@example.test`, name: label, platformAdmin: true } });
  return { id: user.id, email: user.email };
}

type Handler = (req: Request, next: { params?: Promise<Record<string, string>> }) => Promise<Response>;

/** A route handler called as Next calls it, with a fresh API token of the person holding `roles`. */
export async function callAs(
  handler: Handler,
  o: { person: TestPerson; roles: string[]; tenant: TestTenant; method: string; path: string; params?: Record<string, string>; body?: unknown },
): Promise<{ status: number; body: Record<string, any> }> {
  const token = await tokenOf(o.person, o.tenant, o.roles);
  const res = await handler(
    new Request(`http://127.0.0.1/api/v1/tenants/${o.tenant.slug}${o.path}`, {
      method: o.method,
      headers: { authorization: `Bearer ${token}`, ...(o.body !== undefined ? { "content-type": "application/json" } : {}) },
      body: o.body !== undefined ? JSON.stringify(o.body) : undefined,
    }),
    { params: Promise.resolve({ tenant: o.tenant.slug, ...o.params }) },
  );
  return { status: res.status, body: await res.json() };
}
