// Verifier profiles through the real route handlers: every tenant starts with the built-in ones,
// an admin adds, changes and removes profiles (each change audited in its request), bad bodies are
// refused naming the field with nothing saved, another tenant's profile answers as a missing one,
// a repository picks only a profile of its own tenant, and a profile in use cannot be deleted.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as listRoute, POST as createRoute } from "@/app/api/v1/tenants/[tenant]/verifier-profiles/route";
import { DELETE as deleteRoute, GET as getRoute, PATCH as updateRoute } from "@/app/api/v1/tenants/[tenant]/verifier-profiles/[verifierProfileId]/route";
import { POST as createRepoRoute } from "@/app/api/v1/tenants/[tenant]/repositories/route";
import { PATCH as updateRepoRoute } from "@/app/api/v1/tenants/[tenant]/repositories/[repositoryId]/route";
import { db, disconnectDb } from "../db/client";
import { auditOfRequest, callRoute, tokenOf } from "../test/call-route";
import { createTestTenant } from "../test/create-tenant";
import { addPerson, type TestTenant } from "../test/run-as";
import type { VerifierProfileView } from "./verifier-profile-view";

let tenant: TestTenant;
let other: TestTenant;
let adminToken: string;
let viewerToken: string;
let otherAdminToken: string;

const MAKE = { name: "make-check", description: "make, then make check", steps: [{ name: "build", argv: ["make"], timeoutSeconds: 600 }, { name: "unit-tests", argv: ["make", "check"], timeoutSeconds: 900 }] };

const profiles = (t: TestTenant) => db.verifierProfile.findMany({ where: { tenantId: t.id }, orderBy: { name: "asc" } });
const list = (token: string, t = tenant) => callRoute(listRoute, { token, tenant: t, path: "/verifier-profiles", method: "GET" });
const create = (body: unknown, token = adminToken, t = tenant) => callRoute(createRoute, { token, tenant: t, path: "/verifier-profiles", body });
const one = (id: string) => ({ path: `/verifier-profiles/${id}`, params: { verifierProfileId: id } });
const issuePaths = (body: { error?: { details?: Record<string, unknown> } }) => (body.error?.details?.issues as { path: string }[] | undefined)?.map((i) => i.path);

beforeAll(async () => {
  tenant = await createTestTenant("vp");
  other = await createTestTenant("vp-other");
  const admin = await addPerson(tenant, ["tenant_admin"], "admin");
  const viewer = await addPerson(tenant, ["viewer"], "viewer");
  const otherAdmin = await addPerson(other, ["tenant_admin"], "other-admin");
  adminToken = await tokenOf(admin, tenant, ["tenant_admin"]);
  viewerToken = await tokenOf(viewer, tenant, ["viewer"]);
  otherAdminToken = await tokenOf(otherAdmin, other, ["tenant_admin"]);
});
afterAll(async () => {
  await disconnectDb();
});

describe("a new tenant", () => {
  it("has the built-in profiles, which anyone of the tenant may read", async () => {
    const res = await list(viewerToken);
    expect(res.status).toBe(200);
    const got = res.body.profiles as VerifierProfileView[];
    expect(got.map((p) => p.name)).toEqual(["json-valid", "node-test", "none"]);
    const nodeTest = got.find((p) => p.name === "node-test")!;
    expect(nodeTest.steps.map((s) => [s.name, s.argv[0], s.timeoutSeconds])).toEqual([["build", "node", 60], ["unit-tests", "node", 60]]);
    expect(nodeTest.steps[1]!.argv).toEqual(["node", "--test"]);
    expect(got.find((p) => p.name === "none")!.steps).toEqual([]);
    expect(got.every((p) => p.usedBy.total === 0)).toBe(true);
  });
});

describe("managing profiles", () => {
  it("creates, reads, changes and deletes a profile, each change audited in its own request", async () => {
    const made = await create(MAKE);
    expect(made.status).toBe(201);
    const id = String(made.body.id);
    expect(made.body).toMatchObject({ ...MAKE, usedBy: { total: 0, repositories: [] } });
    expect(await auditOfRequest(made.requestId)).toEqual([["verifier_profile.create", "success"]]);

    const got = await callRoute(getRoute, { token: viewerToken, tenant, ...one(id), method: "GET" });
    expect(got).toMatchObject({ status: 200, body: { id, name: "make-check" } });

    const steps = [{ name: "build", argv: ["make", "-j2"], timeoutSeconds: 300 }];
    const changed = await callRoute(updateRoute, { token: adminToken, tenant, ...one(id), method: "PATCH", body: { steps } });
    expect(changed).toMatchObject({ status: 200, body: { name: "make-check", description: MAKE.description, steps } });
    expect(await auditOfRequest(changed.requestId)).toEqual([["verifier_profile.update", "success"]]);
    const event = await db.auditEvent.findFirstOrThrow({ where: { requestId: changed.requestId } });
    expect(event).toMatchObject({ resourceType: "verifier_profile", resourceId: id, before: { name: "make-check", steps: MAKE.steps }, after: { name: "make-check", steps } });

    const gone = await callRoute(deleteRoute, { token: adminToken, tenant, ...one(id), method: "DELETE" });
    expect(gone).toMatchObject({ status: 200, body: { id, name: "make-check" } });
    expect(await auditOfRequest(gone.requestId)).toEqual([["verifier_profile.delete", "success"]]);
    expect(await db.verifierProfile.findUnique({ where: { id } })).toBeNull();
  });

  it("refuses who may only read, recording the denial and saving nothing", async () => {
    const before = await profiles(tenant);
    const res = await create({ ...MAKE, name: "viewer-made" }, viewerToken);
    expect(res).toMatchObject({ status: 403, body: { error: { message: "missing permission verifier_profile.manage" } } });
    expect(await auditOfRequest(res.requestId)).toEqual([["verifier_profile.create", "deny"]]);
    expect(await profiles(tenant)).toEqual(before);
  });

  it("refuses bad bodies with 422 naming each field, saving and auditing nothing", async () => {
    const before = await profiles(tenant);
    const cases: [unknown, string[]][] = [
      [{ ...MAKE, name: "Make Check" }, ["body.name"]],
      [{ ...MAKE, runAs: "root" }, ["body.runAs"]],
      [{ ...MAKE, steps: [{ name: "build", argv: "make && make check", timeoutSeconds: 60 }] }, ["body.steps.0.argv"]],
      [{ ...MAKE, steps: [{ name: "build", argv: ["make", ""], timeoutSeconds: 60 }] }, ["body.steps.0.argv.1"]],
      [{ ...MAKE, steps: [{ name: "build", argv: ["make"], timeoutSeconds: 0 }, { name: "t", argv: ["make"], timeoutSeconds: 3601 }] }, ["body.steps.0.timeoutSeconds", "body.steps.1.timeoutSeconds"]],
      [{ ...MAKE, steps: Array.from({ length: 21 }, (_, i) => ({ name: `s${i}`, argv: ["true"], timeoutSeconds: 1 })) }, ["body.steps"]],
      [{ ...MAKE, steps: [MAKE.steps[0], MAKE.steps[0]] }, ["body.steps.1.name"]],
    ];
    for (const [body, paths] of cases) {
      const res = await create(body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(422);
      expect(issuePaths(res.body)).toEqual(paths);
      expect(await auditOfRequest(res.requestId)).toEqual([]);
    }
    const made = await create({ ...MAKE, name: "kept" });
    const id = String(made.body.id);
    const bad = await callRoute(updateRoute, { token: adminToken, tenant, ...one(id), method: "PATCH", body: { name: "renamed", steps: [] } });
    expect(bad.status).toBe(422);
    expect(issuePaths(bad.body)).toEqual(["body.name"]);
    const row = await db.verifierProfile.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ name: "kept", steps: MAKE.steps });
    expect(await profiles(tenant)).toEqual([...before, row].sort((a, b) => a.name.localeCompare(b.name)));
  });

  it("refuses a second profile of the same name in a tenant, while another tenant may have one", async () => {
    const res = await create({ ...MAKE, name: "node-test" });
    expect(res).toMatchObject({ status: 409, body: { error: { message: "a verifier profile named node-test already exists in this tenant" } } });
    expect((await create({ ...MAKE, name: "shared-name" })).status).toBe(201);
    expect((await create({ ...MAKE, name: "shared-name" }, otherAdminToken, other)).status).toBe(201);
  });

  it("answers another tenant's profile exactly like a missing one, leaving it unchanged", async () => {
    const foreign = await db.verifierProfile.findFirstOrThrow({ where: { tenantId: other.id, name: "node-test" } });
    const calls = [
      callRoute(getRoute, { token: adminToken, tenant, ...one(foreign.id), method: "GET" }),
      callRoute(updateRoute, { token: adminToken, tenant, ...one(foreign.id), method: "PATCH", body: { steps: [] } }),
      callRoute(deleteRoute, { token: adminToken, tenant, ...one(foreign.id), method: "DELETE" }),
      callRoute(getRoute, { token: adminToken, tenant, ...one("no-such-profile"), method: "GET" }),
    ];
    for (const res of await Promise.all(calls)) {
      expect(res).toMatchObject({ status: 404, body: { error: { code: "not_found", message: "verifier profile not found" } } });
      expect(await auditOfRequest(res.requestId)).toEqual([]);
    }
    expect(await db.verifierProfile.findUniqueOrThrow({ where: { id: foreign.id } })).toEqual(foreign);
  });
});

describe("repositories and their profile", () => {
  it("pick a profile of their own tenant only, and a profile in use cannot be deleted", async () => {
    const made = await callRoute(createRepoRoute, { token: adminToken, tenant, path: "/repositories", body: { owner: "acme", name: "builder", riskTier: "standard" } });
    expect(made).toMatchObject({ status: 201, body: { verifierProfile: "none" } });
    const repoId = String(made.body.id);
    const patch = (verifierProfile: string) => callRoute(updateRepoRoute, { token: adminToken, tenant, path: `/repositories/${repoId}`, params: { repositoryId: repoId }, method: "PATCH", body: { verifierProfile } });

    // Only the other tenant has a profile of this name; and one nobody has.
    await create({ ...MAKE, name: "theirs-only" }, otherAdminToken, other);
    for (const name of ["theirs-only", "no-such-profile"]) {
      const res = await patch(name);
      expect(res.status).toBe(422);
      expect(issuePaths(res.body)).toEqual(["body.verifierProfile"]);
      expect(res.body.error!.message).toMatch(new RegExp(`^body.verifierProfile: "${name}" names no verifier profile of this tenant \\(its profiles: .*node-test.*\\)$`));
    }
    const refusedCreate = await callRoute(createRepoRoute, { token: adminToken, tenant, path: "/repositories", body: { owner: "acme", name: "other", riskTier: "standard", verifierProfile: "theirs-only" } });
    expect(issuePaths(refusedCreate.body)).toEqual(["body.verifierProfile"]);
    expect(await db.repository.count({ where: { tenantId: tenant.id, name: "other" } })).toBe(0);
    expect((await db.repository.findUniqueOrThrow({ where: { id: repoId } })).verifierProfile).toBe("none");

    const profile = await create({ ...MAKE, name: "in-use" });
    const picked = await patch("in-use");
    expect(picked).toMatchObject({ status: 200, body: { verifierProfile: "in-use" } });
    expect((await db.auditEvent.findFirstOrThrow({ where: { requestId: picked.requestId } })).after).toMatchObject({ verifierProfile: "in-use" });
    const listed = (await list(viewerToken)).body.profiles as VerifierProfileView[];
    expect(listed.find((p) => p.name === "in-use")!.usedBy).toEqual({ total: 1, repositories: [{ id: repoId, fullName: "acme/builder" }] });

    const id = String(profile.body.id);
    const refused = await callRoute(deleteRoute, { token: adminToken, tenant, ...one(id), method: "DELETE" });
    expect(refused).toMatchObject({
      status: 409,
      body: { error: { message: "verifier profile in-use is used by acme/builder: give that repository another profile first", details: { repositories: ["acme/builder"], total: 1 } } },
    });
    expect(await auditOfRequest(refused.requestId)).toEqual([]);
    expect(await db.verifierProfile.findUnique({ where: { id } })).not.toBeNull();

    expect((await patch("node-test")).status).toBe(200);
    expect((await callRoute(deleteRoute, { token: adminToken, tenant, ...one(id), method: "DELETE" })).status).toBe(200);
  });
});
