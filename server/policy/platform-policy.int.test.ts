// Platform policies govern every tenant: creating one, or changing one (a new version, a rollback,
// shadow, an activation request), needs policy.platform, which the routes declare. Through the real
// route handlers with a policy admin's token: refused naming the permission, recorded as a denial,
// nothing changed; the same admin's tenant policy goes through, and another tenant's document answers
// 404 like a missing one (the permission's condition tells nothing about it). The editor's
// "editable" agrees.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as createRoute } from "@/app/api/v1/tenants/[tenant]/policies/route";
import { POST as saveRoute } from "@/app/api/v1/tenants/[tenant]/policies/[documentId]/versions/route";
import { POST as activationRoute } from "@/app/api/v1/tenants/[tenant]/policies/[documentId]/versions/[number]/activation/route";
import { POST as rollbackRoute } from "@/app/api/v1/tenants/[tenant]/policies/[documentId]/versions/[number]/rollback/route";
import { POST as shadowRoute } from "@/app/api/v1/tenants/[tenant]/policies/[documentId]/versions/[number]/shadow/route";
import { db, disconnectDb } from "../db/client";
import { createTestTenant } from "../test/create-tenant";
import { auditOfRequest, callRoute, tokenOf } from "../test/call-route";
import { addPerson, scopeAs, type TestPerson, type TestTenant } from "../test/run-as";
import { mayChange, PLATFORM_SCOPE } from "./policy-scope";

afterAll(() => disconnectDb());

const REFUSED = "missing permission policy.platform: a platform policy governs every tenant";

const policy = (name: string, level: string) => `apiVersion: fleetgate/v1
kind: Policy
metadata:
  name: ${name}
  level: ${level}
  description: Written by the platform policy test
rules:
  - id: notes-denied
    description: Agents never write the notes
    match: { actions: [tool.file_write], resources: [file] }
    when: input.resource.path.matchesAnyGlob(['${name}/**'])
    effect: deny
    reason: notes are written by people
`;

let tenant: TestTenant;
let author: TestPerson;
let token: string;
let platformDoc: { id: string; number: number };

beforeAll(async () => {
  tenant = await createTestTenant("platform-policy");
  author = await addPerson(tenant, ["policy_admin"], "policy-admin");
  token = await tokenOf(author, tenant, ["policy_admin"]);
  const doc = await db.policyDocument.findFirstOrThrow({ where: { scopeKey: PLATFORM_SCOPE }, include: { versions: { orderBy: { number: "desc" }, take: 1 } } });
  platformDoc = { id: doc.id, number: doc.versions[0]!.number };
});

const versionsOf = (documentId: string) => db.policyVersion.findMany({ where: { documentId }, orderBy: { number: "asc" } });

describe("a platform policy through the routes", () => {
  it("is not created by a policy admin of a tenant; a tenant policy is", async () => {
    const name = `platform-${randomBytes(3).toString("hex")}`;
    const refused = await callRoute(createRoute, { token, tenant, path: "/policies", body: { content: policy(name, "platform"), tests: "", message: "for everyone" } });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: "forbidden", message: REFUSED, details: { permission: "policy.platform" } });
    expect(await auditOfRequest(refused.requestId)).toEqual([["policy.create", "deny"]]);
    expect(await db.policyDocument.count({ where: { name } })).toBe(0);
    const own = await callRoute(createRoute, { token, tenant, path: "/policies", body: { content: policy(name, "tenant"), tests: "", message: "for us" } });
    expect(own.status).toBe(201);
    expect(await db.policyDocument.findFirstOrThrow({ where: { name } })).toMatchObject({ scopeKey: tenant.id });
  });

  it("is not changed by a policy admin of a tenant, in any of the four ways", async () => {
    const before = await versionsOf(platformDoc.id);
    const { id, number } = platformDoc;
    const latest = before.at(-1)!;
    const calls = [
      ["policy.version.save", saveRoute, `/policies/${id}/versions`, { content: latest.content, tests: latest.tests, message: "tenant edit" }],
      ["policy.version.shadow", shadowRoute, `/policies/${id}/versions/${number}/shadow`, undefined],
      ["policy.activation.request", activationRoute, `/policies/${id}/versions/${number}/activation`, {}],
      ["policy.version.rollback", rollbackRoute, `/policies/${id}/versions/${number}/rollback`, { message: "tenant rollback" }],
    ] as const;
    for (const [action, handler, path, body] of calls) {
      const r = await callRoute(handler, { token, tenant, path, params: { documentId: id, number: String(number) }, body });
      expect(r.status, action).toBe(403);
      expect(r.body.error, action).toMatchObject({ code: "forbidden", message: REFUSED });
      expect(await auditOfRequest(r.requestId)).toEqual([[action, "deny"]]);
    }
    expect(await versionsOf(id)).toEqual(before);
    expect(await db.approvalRequest.count({ where: { subjectType: "policy_version", tenantId: tenant.id } })).toBe(0);
  });

  it("is asked only of platform documents: another tenant's answers 404 exactly like a missing one", async () => {
    const other = await createTestTenant("platform-policy-other");
    const otherAuthor = await addPerson(other, ["policy_admin"], "other-author");
    const name = `theirs-${randomBytes(3).toString("hex")}`;
    const theirs = await callRoute(createRoute, { token: await tokenOf(otherAuthor, other, ["policy_admin"]), tenant: other, path: "/policies", body: { content: policy(name, "tenant"), tests: "", message: "theirs" } });
    expect(theirs.status).toBe(201);
    const foreignId = theirs.body.documentId as string;
    const before = await versionsOf(foreignId);
    const answers = [];
    for (const documentId of [foreignId, "no-such-document"]) {
      const r = await callRoute(saveRoute, { token, tenant, path: `/policies/${documentId}/versions`, params: { documentId }, body: { content: policy(name, "tenant"), tests: "", message: "not ours" } });
      answers.push([r.status, r.body.error]);
      expect(await auditOfRequest(r.requestId)).toEqual([]);
    }
    expect(answers[0]).toEqual([404, { code: "not_found", message: "policy document not found", details: {} }]);
    expect(answers[1]).toEqual(answers[0]);
    expect(await versionsOf(foreignId)).toEqual(before);
  });

  it("shows as editable to platform admins only", async () => {
    const platformAdmin = await db.user.findFirstOrThrow({ where: { platformAdmin: true } });
    expect(mayChange(await scopeAs(author.id, tenant), PLATFORM_SCOPE)).toBe(false);
    expect(mayChange(await scopeAs(author.id, tenant), tenant.id)).toBe(true);
    expect(mayChange(await scopeAs(platformAdmin.id, tenant), PLATFORM_SCOPE)).toBe(true);
  });
});
