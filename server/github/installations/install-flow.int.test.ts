// Binding installations against the twin: GitHub's install flow with its signed state (round trip,
// tampered, expired, someone else's, an installation older than the flow, one bound elsewhere),
// a platform admin binding by id, and a tenant admin who can neither bind nor see another tenant's
// installation (404, through the real route handlers).
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { GET as listRoute, POST as bindRoute } from "@/app/api/v1/tenants/[tenant]/github/installations/route";
import { DELETE as unbindRoute, GET as getRoute } from "@/app/api/v1/tenants/[tenant]/github/installations/[installationId]/route";
import { POST as syncRoute } from "@/app/api/v1/tenants/[tenant]/github/installations/[installationId]/sync/route";
import { POST as startRoute } from "@/app/api/v1/tenants/[tenant]/github/install/route";
import { GET as setupRoute } from "@/app/api/github/setup/route";
import { loadUserActor } from "../../auth/load-user-actor";
import { db } from "../../db/client";
import { createTestTenant } from "../../test/create-tenant";
import { addPerson, ownApprovalQueues, runAs, type TestPerson, type TestTenant } from "../../test/run-as";
import { ensureInstallation } from "../twin/seed-twin";
import type { TwinFixture } from "../twin/testing/twin-fixture";
import { bindInstallation } from "./bind-installation";
import { completeInstall, type SetupQuery } from "./complete-install";
import { signInstallState } from "./install-state";
import { startInstall } from "./start-install";
import { addPlatformAdmin, callAs, forgetTwinInstallations, startTwinApp } from "./testing/twin-app";

ownApprovalQueues("gh-install");

let f: TwinFixture;
let a: TestTenant;
let b: TestTenant;
let adminA: TestPerson;
let adminB: TestPerson;
let viewerA: TestPerson;
let platform: TestPerson;

const meta = { requestId: "setup-test-0001", ip: null };
const setup = async (who: TestPerson | null, q: Partial<SetupQuery>) =>
  completeInstall({ installationId: null, setupAction: "install", state: null, ...q }, who ? await loadUserActor(who.id) : null, meta);
const stateFrom = (url: string) => new URL(url).searchParams.get("state")!;
const newInstallation = (login: string) => ensureInstallation(f.twin.ctx, { login });
const rowOf = (githubId: number) => db.githubInstallation.findUnique({ where: { githubId: BigInt(githubId) } });
const actionsAbout = async (resourceId: string) =>
  (await db.auditEvent.findMany({ where: { resourceId }, orderBy: { id: "asc" }, select: { action: true, tenantId: true, actorLabel: true } }));

beforeAll(async () => {
  f = await startTwinApp();
  a = await createTestTenant("gh-a");
  b = await createTestTenant("gh-b");
  adminA = await addPerson(a, ["tenant_admin"], "admin-a");
  viewerA = await addPerson(a, ["viewer", "auditor"], "auditor-a");
  adminB = await addPerson(b, ["tenant_admin"], "admin-b");
  platform = await addPlatformAdmin("platform");
});

afterEach(() => {
  expect(f.takeProblems()).toEqual([]);
});

afterAll(async () => {
  await forgetTwinInstallations(f);
  await f.cleanup();
});

describe("GitHub's install flow", () => {
  it("round-trips the signed state: the tenant admin starts, GitHub sends them back, the new installation is bound and audited", async () => {
    const started = await runAs(adminA.id, a, "start", (ctx) => startInstall(ctx));
    expect(started.url).toMatch(new RegExp(`^${f.twin.url}/apps/fleetgate/installations/new\\?state=v1\\.`));
    const installation = await newInstallation("newco");
    const back = await setup(adminA, { installationId: String(installation.id), state: stateFrom(started.url) });
    expect(back).toEqual({ kind: "redirect", tenantSlug: a.slug, outcome: "connected", githubId: installation.id });
    const row = (await rowOf(installation.id))!;
    expect(row).toMatchObject({ tenantId: a.id, accountLogin: "newco", accountType: "Organization", repositorySelection: "all", boundByLabel: adminA.email, deletedAt: null });
    expect(await actionsAbout(row.id)).toEqual([{ action: "github.installation.bind", tenantId: a.id, actorLabel: adminA.email }]);
    expect(await db.auditEvent.count({ where: { tenantId: a.id, action: "github.install.start", actorLabel: adminA.email } })).toBe(1);

    // Coming back again with the same link changes nothing but says so.
    expect(await setup(adminA, { installationId: String(installation.id), state: stateFrom(started.url) })).toMatchObject({ outcome: "already_connected" });
    expect((await rowOf(installation.id))!.tenantId).toBe(a.id);
  });

  it("refuses a tampered state with a clear error, binding nothing", async () => {
    const installation = await newInstallation("tamperco");
    const { state } = signInstallState({ tenantId: a.id, userId: adminA.id });
    const [v, body, sig] = state.split(".");
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body!, "base64url").toString()), t: b.id })).toString("base64url");
    const answer = await setup(adminA, { installationId: String(installation.id), state: `${v}.${forged}.${sig}` });
    expect(answer).toEqual({ kind: "refused", status: 400, message: "Fleetgate refused this install link: the install state's signature does not match: it was changed, or made with another server secret." });
    expect(await setup(adminA, { installationId: String(installation.id), state: "not-a-state" })).toMatchObject({ kind: "refused", status: 400, message: expect.stringMatching(/not one Fleetgate made/) });
    expect(await setup(adminA, { installationId: String(installation.id) })).toMatchObject({ kind: "refused", status: 400 });
    expect(await rowOf(installation.id)).toBeNull();
  });

  it("sends an expired state back to its tenant saying so, binding nothing", async () => {
    const installation = await newInstallation("lateco");
    const { state } = signInstallState({ tenantId: a.id, userId: adminA.id }, { now: new Date(Date.now() - 20 * 60_000) });
    expect(await setup(adminA, { installationId: String(installation.id), state })).toEqual({ kind: "redirect", tenantSlug: a.slug, outcome: "expired", githubId: null });
    expect(await rowOf(installation.id)).toBeNull();
  });

  it("asks for a sign-in first, and binds only for the person the state names, while they may still manage GitHub", async () => {
    const { state } = signInstallState({ tenantId: a.id, userId: adminA.id });
    const installation = await newInstallation("personco");
    const q = { installationId: String(installation.id), state };
    expect(await setup(null, q)).toEqual({ kind: "sign_in" });
    expect(await setup(viewerA, q)).toMatchObject({ kind: "redirect", outcome: "other_person" });
    const viewerState = signInstallState({ tenantId: a.id, userId: viewerA.id }).state;
    expect(await setup(viewerA, { ...q, state: viewerState })).toMatchObject({ kind: "redirect", outcome: "not_allowed" });
    expect(await setup(adminA, { ...q, setupAction: "request", installationId: null })).toMatchObject({ outcome: "requested" });
    expect(await setup(adminA, { ...q, installationId: "99999999" })).toMatchObject({ outcome: "no_installation" });
    expect(await rowOf(installation.id)).toBeNull();
  });

  it("refuses an installation that existed before the flow started: the id in the URL is the browser's word", async () => {
    // The fixture's installation (acme) was made before this state: typing its id must not bind it.
    const { state } = signInstallState({ tenantId: a.id, userId: adminA.id }, { now: new Date(Date.now() + 10 * 60_000) });
    expect(await setup(adminA, { installationId: String(f.installationId), state })).toMatchObject({ outcome: "not_fresh", githubId: f.installationId });
    expect((await rowOf(f.installationId))?.tenantId ?? null).toBeNull();
  });

  it("refuses an installation another tenant has bound meanwhile", async () => {
    const stateA = signInstallState({ tenantId: a.id, userId: adminA.id }).state;
    const stateB = signInstallState({ tenantId: b.id, userId: adminB.id }).state;
    const installation = await newInstallation("contested");
    expect(await setup(adminB, { installationId: String(installation.id), state: stateB })).toMatchObject({ outcome: "connected" });
    expect(await setup(adminA, { installationId: String(installation.id), state: stateA })).toMatchObject({ kind: "redirect", tenantSlug: a.slug, outcome: "bound_elsewhere" });
    const row = (await rowOf(installation.id))!;
    expect(row.tenantId).toBe(b.id);
    expect((await actionsAbout(row.id)).map((e) => [e.action, e.tenantId])).toEqual([["github.installation.bind", b.id]]);
  });
});

describe("the setup URL (GET /api/github/setup)", () => {
  it("sends a browser without a session to sign in and back, and refuses a state that is not Fleetgate's in plain words", async () => {
    const { state } = signInstallState({ tenantId: a.id, userId: adminA.id });
    const query = `?installation_id=123&setup_action=install&state=${encodeURIComponent(state)}`;
    const anonymous = await setupRoute(new Request(`http://127.0.0.1/api/github/setup${query}`));
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get("location")).toBe(`/signin?callbackUrl=${encodeURIComponent(`/api/github/setup${query}`)}`);
    const forged = await setupRoute(new Request(`http://127.0.0.1/api/github/setup?installation_id=123&setup_action=install&state=${encodeURIComponent(state.slice(0, -3))}`));
    expect(forged.status).toBe(400);
    expect(forged.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await forged.text()).toMatch(/^Fleetgate refused this install link: the install state's signature does not match/);
  });
});

describe("binding by id", () => {
  it("is a platform admin's: GitHub is asked, the installation is bound and audited; binding again or elsewhere is refused", async () => {
    const installation = await newInstallation("boundbyid");
    const view = await runAs(platform.id, a, "bind", (ctx) => bindInstallation(ctx, { installationId: installation.id }));
    expect(view).toMatchObject({ githubId: installation.id, accountLogin: "boundbyid", boundBy: platform.email, repositoryCount: 0 });
    expect(await actionsAbout(view.id)).toEqual([{ action: "github.installation.bind", tenantId: a.id, actorLabel: platform.email }]);
    await expect(runAs(platform.id, a, "bind", (ctx) => bindInstallation(ctx, { installationId: installation.id }))).rejects.toMatchObject({ code: "conflict", message: expect.stringMatching(/already bound to this tenant/) });
    await expect(runAs(platform.id, b, "bind", (ctx) => bindInstallation(ctx, { installationId: installation.id }))).rejects.toMatchObject({
      code: "conflict", message: `installation ${installation.id} (boundbyid) is bound to tenant ${a.slug}: unbind it there first`,
    });
    await expect(runAs(platform.id, a, "bind", (ctx) => bindInstallation(ctx, { installationId: 77777777 }))).rejects.toMatchObject({ code: "not_found", message: "GitHub installation 77777777 of this App not found" });
  });

  it("is refused to a tenant admin: an unbound installation needs github.bind (403, recorded), another tenant's answers 404 like a missing one", async () => {
    const unbound = await newInstallation("unboundco");
    // Known to Fleetgate but bound to no tenant (as a webhook leaves it).
    await db.githubInstallation.create({ data: { githubId: BigInt(unbound.id), accountLogin: "unboundco", accountType: "Organization", repositorySelection: "all" } });
    const refused = await callAs(bindRoute, { person: adminA, roles: ["tenant_admin"], tenant: a, method: "POST", path: "/github/installations", body: { installationId: unbound.id } });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ message: "missing permission github.bind: an installation is bound to a tenant through GitHub's install flow, or by a platform admin" });
    expect(await db.auditEvent.count({ where: { tenantId: a.id, action: "github.installation.bind", decision: "deny" } })).toBe(1);
    expect((await rowOf(unbound.id))!.tenantId).toBeNull();

    const foreign = (await db.githubInstallation.findFirstOrThrow({ where: { tenantId: b.id } }));
    const missing = await callAs(bindRoute, { person: adminA, roles: ["tenant_admin"], tenant: a, method: "POST", path: "/github/installations", body: { installationId: 55555555 } });
    const other = await callAs(bindRoute, { person: adminA, roles: ["tenant_admin"], tenant: a, method: "POST", path: "/github/installations", body: { installationId: Number(foreign.githubId) } });
    expect([missing.status, other.status]).toEqual([404, 404]);
    expect(other.body.error).toEqual(missing.body.error);
    expect((await rowOf(Number(foreign.githubId)))!.tenantId).toBe(b.id);
  });
});

describe("another tenant's installation", () => {
  it("is not found through any route, and stays as it was", async () => {
    const foreign = await db.githubInstallation.findFirstOrThrow({ where: { tenantId: b.id } });
    const before = await db.githubInstallation.findUniqueOrThrow({ where: { id: foreign.id } });
    const as = { person: adminA, roles: ["tenant_admin"], tenant: a, params: { installationId: foreign.id } };
    const answers = await Promise.all([
      callAs(getRoute, { ...as, method: "GET", path: `/github/installations/${foreign.id}` }),
      callAs(syncRoute, { ...as, method: "POST", path: `/github/installations/${foreign.id}/sync` }),
      callAs(unbindRoute, { ...as, method: "DELETE", path: `/github/installations/${foreign.id}` }),
    ]);
    expect(answers.map((x) => [x.status, x.body.error?.message])).toEqual([[404, "installation not found"], [404, "installation not found"], [404, "installation not found"]]);
    const list = await callAs(listRoute, { person: adminA, roles: ["tenant_admin"], tenant: a, method: "GET", path: "/github/installations" });
    expect(list.body.installations.map((i: { id: string }) => i.id)).not.toContain(foreign.id);
    expect(await db.githubInstallation.findUniqueOrThrow({ where: { id: foreign.id } })).toEqual(before);
  });

  it("its own installations are listed to its auditors, who cannot start an install (github.manage)", async () => {
    const list = await callAs(listRoute, { person: viewerA, roles: ["auditor"], tenant: a, method: "GET", path: "/github/installations" });
    expect(list.status).toBe(200);
    expect(list.body.installations.map((i: { accountLogin: string }) => i.accountLogin).sort()).toEqual(["boundbyid", "newco"]);
    const start = await callAs(startRoute, { person: viewerA, roles: ["auditor"], tenant: a, method: "POST", path: "/github/install" });
    expect([start.status, start.body.error?.message]).toEqual([403, "missing permission github.manage"]);
  });
});

describe("unbinding", () => {
  it("leaves the installation bound to no tenant, audited; a platform admin may bind it again", async () => {
    const row = (await db.githubInstallation.findFirstOrThrow({ where: { tenantId: a.id, accountLogin: "boundbyid" } }));
    const res = await callAs(unbindRoute, { person: adminA, roles: ["tenant_admin"], tenant: a, method: "DELETE", path: `/github/installations/${row.id}`, params: { installationId: row.id } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: row.id, boundBy: null, unmappedRepositories: 0 });
    expect((await db.githubInstallation.findUniqueOrThrow({ where: { id: row.id } })).tenantId).toBeNull();
    expect((await actionsAbout(row.id)).map((e) => e.action)).toEqual(["github.installation.bind", "github.installation.unbind"]);
    const again = await runAs(platform.id, b, "bind", (ctx) => bindInstallation(ctx, { installationId: Number(row.githubId) }));
    expect(again).toMatchObject({ id: row.id, boundBy: platform.email });
  });
});
