// Repository sync against the twin: an installation's repositories map onto the tenant's (existing
// ones by owner/name keep their risk tier and team; missing ones are created standard with no team),
// repositories that leave the installation lose the mapping and stay; "Sync now" through its route.
// The installation webhook events applied (payloads checked against GitHub's schemas), and GitHub
// logins and team slugs linked and validated.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { POST as syncRoute } from "@/app/api/v1/tenants/[tenant]/github/installations/[installationId]/sync/route";
import { GET as getRoute } from "@/app/api/v1/tenants/[tenant]/github/installations/[installationId]/route";
import { GET as healthRoute } from "@/app/api/v1/tenants/[tenant]/github/webhook-health/route";
import { PUT as loginRoute } from "@/app/api/v1/tenants/[tenant]/members/[memberId]/github-login/route";
import { PUT as teamRoute } from "@/app/api/v1/tenants/[tenant]/teams/[teamId]/github-team/route";
import { db } from "../../db/client";
import { createTestTenant } from "../../test/create-tenant";
import { addPerson, ownApprovalQueues, runAs, type TestPerson, type TestTenant } from "../../test/run-as";
import { validateWebhookPayload } from "../openapi/validate-webhook-payload";
import { renderInstallation, renderUser } from "../twin/render-common";
import { ensureInstallation, ensureRepository } from "../twin/seed-twin";
import type { TwinFixture } from "../twin/testing/twin-fixture";
import type { TwinInstallation, TwinRepository } from "../twin/twin-types";
import { applyInstallationEvent } from "./apply-installation-event";
import { bindInstallation } from "./bind-installation";
import { syncInstallation } from "./sync-installation";
import { addPlatformAdmin, callAs, forgetTwinInstallations, startTwinApp } from "./testing/twin-app";

ownApprovalQueues("gh-sync");

let f: TwinFixture;
let t: TestTenant;
let admin: TestPerson;
let platform: TestPerson;
let rowId: string;
let teamId: string;

const twinInstallation = (id: number) => f.twin.ctx.store.data.installations.find((i) => i.id === id)!;
const twinRepo = (owner: string, name: string) => f.twin.ctx.store.data.repositories.find((r) => r.owner === owner && r.name === name)!;
const repo = (owner: string, name: string) => db.repository.findFirst({ where: { tenantId: t.id, owner, name } });
const select = (inst: TwinInstallation, repos: TwinRepository[]) => Object.assign(inst, { repositorySelection: "selected" as const, repositoryIds: repos.map((r) => r.id) });

/** An installation webhook payload as GitHub sends it (the twin's rendering), checked against GitHub's schema. */
function eventPayload(event: "installation" | "installation_repositories", action: string, inst: TwinInstallation, extra: Record<string, unknown> = {}) {
  const { store, urls } = f.twin.ctx;
  const account = store.user(inst.account.login, inst.account.type);
  const ref = (r: TwinRepository) => ({ id: r.id, node_id: Buffer.from(`Repository:${r.id}`).toString("base64url"), name: r.name, full_name: `${r.owner}/${r.name}`, private: r.private });
  const payload = event === "installation"
    ? { action, installation: renderInstallation(inst, store.data.app!, account, urls), repositories: [], sender: renderUser(account, urls), ...extra }
    : {
      action, installation: renderInstallation(inst, store.data.app!, account, urls), repository_selection: inst.repositorySelection,
      repositories_added: ((extra.added as TwinRepository[]) ?? []).map(ref), repositories_removed: ((extra.removed as TwinRepository[]) ?? []).map(ref), requester: null, sender: renderUser(account, urls),
    };
  expect(validateWebhookPayload(event, action, payload)).toEqual([]);
  return payload;
}

beforeAll(async () => {
  f = await startTwinApp();
  t = await createTestTenant("gh-sync");
  admin = await addPerson(t, ["tenant_admin"], "admin");
  platform = await addPlatformAdmin("platform");
  teamId = (await db.team.create({ data: { tenantId: t.id, slug: "web", name: "Web" } })).id;
  // Registered by hand before the installation: a tier and a team that are Fleetgate's to keep.
  await db.repository.create({ data: { tenantId: t.id, owner: "acme", name: "Widgets", riskTier: "high", teamId, verifierProfile: "node-test" } });
  await ensureRepository(f.twin.ctx, { owner: "acme", name: "sprockets" });
  rowId = (await runAs(platform.id, t, "bind", (ctx) => bindInstallation(ctx, { installationId: f.installationId }))).id;
});

afterEach(() => {
  expect(f.takeProblems()).toEqual([]);
});

afterAll(async () => {
  await forgetTwinInstallations(f);
  await f.cleanup();
});

describe("syncing an installation", () => {
  it("maps existing repositories (tier and team kept), creates missing ones, and records what it did", async () => {
    const counts = await syncInstallation(rowId);
    expect(counts).toEqual({ listed: 3, mapped: 1, created: 2, unmapped: 0, unchanged: 0 });
    const widgets = await repo("acme", "Widgets");
    expect(widgets).toMatchObject({
      riskTier: "high", teamId, verifierProfile: "node-test", githubInstallationId: rowId,
      githubRepoId: BigInt(twinRepo("acme", "widgets").id), remoteUrl: `${f.twin.url}/acme/widgets.git`,
    });
    expect(await repo("acme", "gadgets")).toMatchObject({ riskTier: "standard", teamId: null, verifierProfile: "none", githubInstallationId: rowId, remoteUrl: `${f.twin.url}/acme/gadgets.git`, defaultBranch: "main" });
    expect((await db.githubInstallation.findUniqueOrThrow({ where: { id: rowId } })).syncedAt).not.toBeNull();
    const events = await db.auditEvent.findMany({ where: { tenantId: t.id, actorType: "system" }, orderBy: { id: "asc" }, select: { action: true, after: true } });
    expect(events.map((e) => e.action)).toEqual(["repository.create", "repository.create", "github.installation.sync"]);
    expect(events.at(-1)!.after).toMatchObject({ listed: 3, mappedNames: ["acme/Widgets"], createdNames: ["acme/gadgets", "acme/sprockets"], unmappedNames: [] });
    // Again: nothing to do, nothing duplicated.
    expect(await syncInstallation(rowId)).toEqual({ listed: 3, mapped: 0, created: 0, unmapped: 0, unchanged: 3 });
    expect(await db.repository.count({ where: { tenantId: t.id } })).toBe(3);
  });

  it("unmaps repositories that left the installation, keeping them with their tier and team (Sync now, through its route)", async () => {
    select(twinInstallation(f.installationId), [twinRepo("acme", "gadgets"), twinRepo("acme", "sprockets")]);
    const res = await callAs(syncRoute, { person: admin, roles: ["tenant_admin"], tenant: t, method: "POST", path: `/github/installations/${rowId}/sync`, params: { installationId: rowId } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ listed: 2, mapped: 0, created: 0, unmapped: 1, unchanged: 2, installation: { id: rowId, repositoryCount: 2 } });
    expect(await repo("acme", "Widgets")).toMatchObject({ riskTier: "high", teamId, githubInstallationId: null, githubRepoId: BigInt(twinRepo("acme", "widgets").id) });
    const detail = await callAs(getRoute, { person: admin, roles: ["tenant_admin"], tenant: t, method: "GET", path: `/github/installations/${rowId}`, params: { installationId: rowId } });
    expect(detail.body.repositories.map((r: { fullName: string; riskTier: string; team: unknown }) => [r.fullName, r.riskTier, r.team])).toEqual([["acme/gadgets", "standard", null], ["acme/sprockets", "standard", null]]);

    // Back in the installation: mapped again by its GitHub id, tier and team untouched.
    select(twinInstallation(f.installationId), [twinRepo("acme", "widgets"), twinRepo("acme", "gadgets"), twinRepo("acme", "sprockets")]);
    expect(await syncInstallation(rowId)).toMatchObject({ mapped: 1, created: 0, unmapped: 0 });
    expect(await repo("acme", "Widgets")).toMatchObject({ riskTier: "high", teamId, githubInstallationId: rowId });
  });
});

describe("installation webhook events", () => {
  it("removed and added: removed repositories lose the mapping at once; added ones are synced", async () => {
    const inst = twinInstallation(f.installationId);
    select(inst, [twinRepo("acme", "widgets"), twinRepo("acme", "gadgets")]);
    const removed = await applyInstallationEvent(undefined, eventPayload("installation_repositories", "removed", inst, { removed: [twinRepo("acme", "sprockets")] }));
    expect(removed).toEqual({ outcome: "applied", reason: "github.installation.repositories_removed", tenantId: t.id, synced: null });
    expect(await repo("acme", "sprockets")).toMatchObject({ githubInstallationId: null, riskTier: "standard" });

    select(inst, [twinRepo("acme", "widgets"), twinRepo("acme", "gadgets"), twinRepo("acme", "sprockets")]);
    const added = await applyInstallationEvent(undefined, eventPayload("installation_repositories", "added", inst, { added: [twinRepo("acme", "sprockets")] }));
    expect(added).toMatchObject({ outcome: "applied", tenantId: t.id, synced: rowId });
    await syncInstallation(added.synced!); // what the enqueued job does
    expect(await repo("acme", "sprockets")).toMatchObject({ githubInstallationId: rowId });
  });

  it("suspend and unsuspend: recorded; a suspended installation is not synced", async () => {
    const inst = twinInstallation(f.installationId);
    const suspended = { ...eventPayload("installation", "suspend", inst), installation: { ...renderInstallation(inst, f.twin.ctx.store.data.app!, f.twin.ctx.store.user("acme"), f.twin.ctx.urls), suspended_at: "2026-12-08T09:00:00Z" } };
    expect(await applyInstallationEvent(undefined, suspended)).toMatchObject({ outcome: "applied", tenantId: t.id });
    expect((await db.githubInstallation.findUniqueOrThrow({ where: { id: rowId } })).suspendedAt?.toISOString()).toBe("2026-12-08T09:00:00.000Z");
    expect(await syncInstallation(rowId)).toEqual({ skipped: "it is suspended on GitHub" });
    expect(await applyInstallationEvent(undefined, eventPayload("installation", "unsuspend", inst))).toMatchObject({ outcome: "applied", synced: rowId });
    expect((await db.githubInstallation.findUniqueOrThrow({ where: { id: rowId } })).suspendedAt).toBeNull();
  });

  it("created: a new installation is recorded bound to no tenant (audited on the platform trail); unknown and malformed events are ignored with the reason", async () => {
    const fresh = await ensureInstallation(f.twin.ctx, { login: "freshorg", type: "User" });
    const created = await applyInstallationEvent(undefined, eventPayload("installation", "created", fresh));
    expect(created).toEqual({ outcome: "applied", reason: "github.installation.created (bound to no tenant)", tenantId: null, synced: null });
    const row = await db.githubInstallation.findUniqueOrThrow({ where: { githubId: BigInt(fresh.id) } });
    expect(row).toMatchObject({ tenantId: null, accountLogin: "freshorg", accountType: "User", repositorySelection: "all" });
    expect(await db.auditEvent.findFirst({ where: { resourceId: row.id }, select: { tenantId: true, action: true, actorLabel: true } })).toEqual({ tenantId: null, action: "github.installation.created", actorLabel: "github webhook" });

    const stranger = { ...fresh, id: 4_000_000 };
    expect(await applyInstallationEvent(undefined, eventPayload("installation", "suspend", stranger))).toEqual({ outcome: "ignored", reason: "unknown installation 4000000", tenantId: null, synced: null });
    expect(await applyInstallationEvent(undefined, { action: "created", installation: { id: "x" } })).toMatchObject({ outcome: "ignored", reason: expect.stringMatching(/^malformed installation event: installation\.id /) });
    expect(await applyInstallationEvent(undefined, { action: "opened" })).toMatchObject({ outcome: "ignored", reason: "not an installation event: action \"opened\"" });
  });

  it("deleted: marked uninstalled, its repositories unmapped and kept; runs in the caller's transaction when given one", async () => {
    const inst = twinInstallation(f.installationId);
    const result = await db.$transaction((tx) => applyInstallationEvent(tx, eventPayload("installation", "deleted", inst)));
    expect(result).toMatchObject({ outcome: "applied", tenantId: t.id });
    const row = await db.githubInstallation.findUniqueOrThrow({ where: { id: rowId }, include: { _count: { select: { repositories: true } } } });
    expect(row).toMatchObject({ tenantId: t.id, _count: { repositories: 0 } });
    expect(row.deletedAt).not.toBeNull();
    expect(await db.repository.count({ where: { tenantId: t.id } })).toBe(3);
    expect(await repo("acme", "Widgets")).toMatchObject({ riskTier: "high", teamId });
    expect(await syncInstallation(rowId)).toEqual({ skipped: "the App was uninstalled on GitHub" });
    const actions = (await db.auditEvent.findMany({ where: { resourceId: rowId, actorLabel: "github webhook" }, orderBy: { id: "asc" }, select: { action: true } })).map((e) => e.action);
    expect(actions).toEqual(["github.installation.repositories_removed", "github.installation.repositories_added", "github.installation.suspended", "github.installation.unsuspended", "github.installation.deleted"]);
  });
});

describe("webhook health", () => {
  it("counts the tenant's deliveries of the last day by outcome and lists the latest failures", async () => {
    const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000);
    const rows = [
      { outcome: "applied", receivedAt: at(5) }, { outcome: "applied", receivedAt: at(50) }, { outcome: "ignored", receivedAt: at(10), reason: "unknown repository" },
      { outcome: "failed", receivedAt: at(2), reason: "changeset not found" }, { outcome: null, receivedAt: at(1) }, { outcome: "failed", receivedAt: at(60 * 30), reason: "old failure" },
    ];
    for (const [i, r] of rows.entries()) {
      await db.githubDelivery.create({ data: { deliveryId: `${t.id}-d${i}`, event: "pull_request", action: "closed", tenantId: t.id, payload: {}, processedAt: r.outcome ? r.receivedAt : null, ...r } });
    }
    await db.githubDelivery.create({ data: { deliveryId: `${t.id}-other`, event: "pull_request", tenantId: null, payload: {}, outcome: "failed", reason: "not ours" } });
    const res = await callAs(healthRoute, { person: admin, roles: ["tenant_admin"], tenant: t, method: "GET", path: "/github/webhook-health" });
    expect(res.status).toBe(200);
    expect(res.body.lastReceivedAt).toBe(rows[4]!.receivedAt.toISOString());
    expect(res.body.last24h).toEqual({ received: 5, applied: 2, ignored: 1, failed: 1, pending: 1 });
    expect(res.body.failures.map((x: { reason: string }) => x.reason)).toEqual(["changeset not found", "old failure"]);
  });
});

describe("GitHub logins and teams", () => {
  it("links a member's login (validated, unique in the tenant without case), unlinks with null, audited", async () => {
    const other = await addPerson(t, ["viewer"], "other");
    const member = await db.membership.findFirstOrThrow({ where: { tenantId: t.id, userId: other.id } });
    const put = (githubLogin: unknown) => callAs(loginRoute, { person: admin, roles: ["tenant_admin"], tenant: t, method: "PUT", path: `/members/${member.id}/github-login`, params: { memberId: member.id }, body: { githubLogin } });
    const ok = await put("Octo-Cat");
    expect([ok.status, ok.body.githubLogin]).toEqual([200, "Octo-Cat"]);
    for (const bad of ["-octo", "octo--cat", "a".repeat(40), "octo_cat", 42]) {
      const r = await put(bad);
      expect(r.status, String(bad)).toBe(422);
      expect(r.body.error.details.issues.map((i: { path: string }) => i.path)).toEqual(["body.githubLogin"]);
    }
    const adminMember = await db.membership.findFirstOrThrow({ where: { tenantId: t.id, userId: admin.id } });
    const taken = await callAs(loginRoute, { person: admin, roles: ["tenant_admin"], tenant: t, method: "PUT", path: `/members/${adminMember.id}/github-login`, params: { memberId: adminMember.id }, body: { githubLogin: "octo-cat" } });
    expect([taken.status, taken.body.error.message]).toEqual([422, `body.githubLogin: octo-cat is already linked to ${other.email}`]);
    expect((await put(null)).body.githubLogin).toBeNull();
    const audit = await db.auditEvent.findMany({ where: { resourceId: member.id, action: "member.set_github_login" }, orderBy: { id: "asc" }, select: { after: true } });
    expect(audit.map((e) => (e.after as { githubLogin: string | null }).githubLogin)).toEqual(["Octo-Cat", null]);
  });

  it("links a team's GitHub team slug (validated); another tenant's team answers 404", async () => {
    const put = (tid: string, githubTeam: unknown) => callAs(teamRoute, { person: admin, roles: ["tenant_admin"], tenant: t, method: "PUT", path: `/teams/${tid}/github-team`, params: { teamId: tid }, body: { githubTeam } });
    expect((await put(teamId, "web-platform")).body).toMatchObject({ id: teamId, githubTeam: "web-platform" });
    expect((await put(teamId, "acme/web")).status).toBe(422);
    const foreignTenant = await createTestTenant("gh-sync-other");
    const foreignTeam = await db.team.create({ data: { tenantId: foreignTenant.id, slug: "x", name: "X" } });
    const res = await put(foreignTeam.id, "web");
    expect([res.status, res.body.error.message]).toEqual([404, "team not found"]);
    expect((await db.team.findUniqueOrThrow({ where: { id: foreignTeam.id } })).githubTeam).toBeNull();
  });
});
