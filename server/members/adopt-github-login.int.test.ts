// The sign-in provider's github_login claim: set where the person has no login yet and nobody else in
// the tenant has it; a login an admin linked stays; a claim that is not a GitHub login is ignored.
import { afterAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "../db/client";
import { createTestTenant } from "../test/create-tenant";
import { addPerson } from "../test/run-as";
import { adoptGithubLogin } from "./adopt-github-login";

afterAll(() => disconnectDb());

describe("a GitHub login from the sign-in provider", () => {
  it("is set on the person's memberships that have none, unless someone else in that tenant has it", async () => {
    const [free, linked, taken] = [await createTestTenant("ghl-free"), await createTestTenant("ghl-linked"), await createTestTenant("ghl-taken")];
    const person = await addPerson(free, ["viewer"], "sso-person");
    await db.membership.create({ data: { tenantId: linked.id, userId: person.id, roles: ["viewer"], githubLogin: "set-by-admin" } });
    await db.membership.create({ data: { tenantId: taken.id, userId: person.id, roles: ["viewer"] } });
    const other = await addPerson(taken, ["viewer"], "other");
    await db.membership.update({ where: { tenantId_userId: { tenantId: taken.id, userId: other.id } }, data: { githubLogin: "OctoCat" } });

    expect(await adoptGithubLogin(person.id, "not a login!")).toBe(0);
    expect(await adoptGithubLogin(person.id, undefined)).toBe(0);
    expect(await adoptGithubLogin(person.id, "octocat")).toBe(1);
    const logins = await db.membership.findMany({ where: { userId: person.id }, select: { tenantId: true, githubLogin: true } });
    expect(Object.fromEntries(logins.map((m) => [m.tenantId, m.githubLogin]))).toEqual({ [free.id]: "octocat", [linked.id]: "set-by-admin", [taken.id]: null });
    const events = await db.auditEvent.findMany({ where: { actorId: person.id, action: "member.set_github_login" }, select: { tenantId: true, after: true } });
    expect(events).toEqual([{ tenantId: free.id, after: { email: person.email, githubLogin: "octocat", via: "sign_in_provider" } }]);
    // Signing in again changes nothing.
    expect(await adoptGithubLogin(person.id, "octocat")).toBe(0);
  });
});
