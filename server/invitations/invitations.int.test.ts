// Adding a person makes an invitation: the same answer and the same refusals whether or not the
// address has an account, nobody is enrolled until they accept, and an admin can withdraw it. What
// another tenant's admin or another person asks about answers 404.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as inviteRoute } from "@/app/api/v1/tenants/[tenant]/members/route";
import { auditOfRequest, callRoute, tokenOf } from "../test/call-route";
import { linkOidcUser } from "../auth/link-oidc-user";
import { loadUserActor } from "../auth/load-user-actor";
import { db, disconnectDb } from "../db/client";
import { personReadContext, runPersonOperation } from "../core/person-op";
import { createTestTenant } from "../test/create-tenant";
import { readContext } from "../core/read-context";
import { addPerson, runAs, scopeAs, type TestPerson, type TestTenant } from "../test/run-as";
import { acceptInvitation } from "./accept-invitation";
import { declineInvitation } from "./decline-invitation";
import { inviteMember } from "./invite-member";
import { listInvitations } from "./list-invitations";
import { listMyInvitations } from "./list-my-invitations";
import { withdrawInvitation } from "./withdraw-invitation";

afterAll(() => disconnectDb());

const hex = () => randomBytes(4).toString("hex");
const newAddress = () => `new-${hex()}@example.test`;

let tenant: TestTenant;
let other: TestTenant;
let admin: TestPerson;
let otherAdmin: TestPerson;
let elsewhere: TestPerson; // has an account, as a member of another tenant only
beforeAll(async () => {
  tenant = await createTestTenant("invite");
  other = await createTestTenant("invite-other");
  admin = await addPerson(tenant, ["tenant_admin"], "invite-admin");
  otherAdmin = await addPerson(other, ["tenant_admin"], "other-admin");
  elsewhere = await addPerson(other, ["viewer"], "elsewhere");
});

const invite = (email: string, extra: Record<string, unknown> = {}, who = admin, where = tenant) =>
  runAs(who.id, where, "member.invite", (ctx) => inviteMember(ctx, { email, roles: ["viewer", "operator"], ...extra }));
const refusal = (p: Promise<unknown>) => p.then(() => null, (e: { code?: string; message: string }) => ({ code: e.code, message: e.message }));

async function asPerson<T>(userId: string, op: Parameters<typeof runPersonOperation<T>>[3]): Promise<T> {
  const actor = (await loadUserActor(userId))!;
  return runPersonOperation(actor, { requestId: `me-${hex()}`, ip: null }, "test", op);
}
const myInvitations = async (userId: string) => (await listMyInvitations(personReadContext((await loadUserActor(userId))!))).invitations;

describe("inviting", () => {
  it("answers the same for an address with an account and one without, naming no person", async () => {
    const fresh = newAddress();
    const [a, b] = [await invite(elsewhere.email), await invite(fresh)];
    const shape = (i: Record<string, unknown>) => Object.keys(i).sort();
    expect(shape(a)).toEqual(shape(b));
    expect(shape(a)).toEqual(["createdAt", "email", "expiresAt", "id", "invitedBy", "roles", "status"]);
    for (const [i, email] of [[a, elsewhere.email], [b, fresh]] as const) {
      expect(i).toMatchObject({ email, roles: ["viewer", "operator"], status: "pending", invitedBy: admin.email });
      expect(JSON.stringify(i)).not.toContain(elsewhere.id);
    }
    // Nobody was enrolled, and no account was made for the new address.
    expect(await db.membership.count({ where: { tenantId: tenant.id, userId: elsewhere.id } })).toBe(0);
    expect(await db.user.count({ where: { email: fresh } })).toBe(0);
    expect(await db.auditEvent.count({ where: { tenantId: tenant.id, action: "member.invite", resourceId: { in: [a.id, b.id] } } })).toBe(2);
  });

  it("refuses alike for both: a second pending invitation, and a password set by a tenant admin", async () => {
    const fresh = newAddress();
    const another = await addPerson(other, ["viewer"], "another");
    await invite(fresh);
    await invite(another.email);
    const [x, y] = [await refusal(invite(fresh)), await refusal(invite(another.email))];
    expect(x?.code).toBe("conflict");
    expect(y?.message.replace(another.email, "ADDRESS")).toBe(x?.message.replace(fresh, "ADDRESS"));
    const pw = { initialPassword: "a-long-enough-password" };
    // A password needs member.set_password, which the route declares: refused before the address is looked at.
    const token = await tokenOf(admin, tenant, ["tenant_admin"]);
    const brandNew = newAddress();
    const [p, q] = [
      await callRoute(inviteRoute, { token, tenant, path: "/members", body: { email: brandNew, roles: ["viewer"], ...pw } }),
      await callRoute(inviteRoute, { token, tenant, path: "/members", body: { email: another.email, roles: ["viewer"], ...pw } }),
    ];
    expect(p.status).toBe(403);
    expect(p.body.error).toMatchObject({ code: "forbidden", message: expect.stringMatching(/^missing permission member\.set_password: an account is platform-wide/), details: { permission: "member.set_password" } });
    expect(q.body.error).toEqual(p.body.error);
    for (const r of [p, q]) expect(await auditOfRequest(r.requestId)).toEqual([["member.invite", "deny"]]);
    expect(await db.user.count({ where: { email: brandNew } })).toBe(0);
    expect(await db.invitation.count({ where: { tenantId: tenant.id, email: brandNew } })).toBe(0);
  });

  it("refuses a member of this tenant (whom its admins see anyway)", async () => {
    const member = await addPerson(tenant, ["viewer"], "member");
    expect(await refusal(invite(member.email))).toEqual({ code: "conflict", message: `${member.email} is already a member of this tenant` });
  });

  it("a platform admin's password gives a new address an account, never an existing one", async () => {
    const platformAdmin = await db.user.findFirstOrThrow({ where: { platformAdmin: true } });
    const pa = { id: platformAdmin.id, email: platformAdmin.email };
    const fresh = newAddress();
    const known = await addPerson(other, ["viewer"], "known");
    const before = await db.user.findUniqueOrThrow({ where: { id: known.id } });
    const [a, b] = [await invite(fresh, { initialPassword: "a-long-enough-password", name: "Fresh" }, pa), await invite(known.email, { initialPassword: "a-long-enough-password" }, pa)];
    expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
    expect(await db.user.findUniqueOrThrow({ where: { email: fresh } })).toMatchObject({ name: "Fresh", passwordHash: expect.stringMatching(/^\$2/) });
    expect(await db.user.findUniqueOrThrow({ where: { id: known.id } })).toEqual(before);
  });
});

describe("answering", () => {
  it("the person sees it, accepts it once, and becomes a member with its roles", async () => {
    const person = await addPerson(other, ["viewer"], "accepter");
    const invitation = await invite(person.email);
    expect((await myInvitations(person.id)).map((i) => [i.id, i.tenant.slug, i.roles])).toEqual([[invitation.id, tenant.slug, ["viewer", "operator"]]]);
    // Someone else cannot accept it.
    await expect(asPerson(elsewhere.id, (ctx) => acceptInvitation(ctx, invitation.id))).rejects.toMatchObject({ code: "not_found" });

    const accepted = await asPerson(person.id, (ctx) => acceptInvitation(ctx, invitation.id));
    expect(accepted.tenant.slug).toBe(tenant.slug);
    expect(accepted.member).toMatchObject({ userId: person.id, roles: ["viewer", "operator"] });
    expect(await myInvitations(person.id)).toEqual([]);
    await expect(asPerson(person.id, (ctx) => acceptInvitation(ctx, invitation.id))).rejects.toMatchObject({ code: "not_found" });
    const events = await db.auditEvent.findMany({ where: { tenantId: tenant.id, actorId: person.id }, orderBy: { seq: "asc" }, select: { action: true, resourceId: true } });
    expect(events).toEqual([{ action: "invitation.accept", resourceId: invitation.id }, { action: "member.add", resourceId: accepted.member.id }]);
  });

  it("declining leaves the person out", async () => {
    const person = await addPerson(other, ["viewer"], "decliner");
    const invitation = await invite(person.email);
    expect(await asPerson(person.id, (ctx) => declineInvitation(ctx, invitation.id))).toEqual({ declined: true, id: invitation.id });
    expect(await db.membership.count({ where: { tenantId: tenant.id, userId: person.id } })).toBe(0);
    await expect(asPerson(person.id, (ctx) => acceptInvitation(ctx, invitation.id))).rejects.toMatchObject({ code: "not_found" });
  });

  it("an expired invitation is neither listed nor accepted", async () => {
    const person = await addPerson(other, ["viewer"], "late");
    const invitation = await invite(person.email);
    await db.invitation.update({ where: { id: invitation.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await myInvitations(person.id)).toEqual([]);
    await expect(asPerson(person.id, (ctx) => acceptInvitation(ctx, invitation.id))).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("withdrawing", () => {
  it("a tenant admin lists and withdraws one (audited); then it cannot be accepted or withdrawn again", async () => {
    const person = await addPerson(other, ["viewer"], "withdrawn");
    const invitation = await invite(person.email);
    const listed = await listInvitations(readContext(await scopeAs(admin.id, tenant)));
    expect(listed.invitations.map((i) => i.id)).toContain(invitation.id);
    const withdrawn = await runAs(admin.id, tenant, "invitation.withdraw", (ctx) => withdrawInvitation(ctx, invitation.id));
    expect(withdrawn.status).toBe("withdrawn");
    expect(await db.auditEvent.count({ where: { tenantId: tenant.id, action: "invitation.withdraw", resourceId: invitation.id } })).toBe(1);
    await expect(asPerson(person.id, (ctx) => acceptInvitation(ctx, invitation.id))).rejects.toMatchObject({ code: "not_found" });
    await expect(runAs(admin.id, tenant, "invitation.withdraw", (ctx) => withdrawInvitation(ctx, invitation.id))).rejects.toMatchObject({ code: "conflict" });
  });

  it("another tenant's admin gets 404 and the invitation stays", async () => {
    const invitation = await invite(newAddress());
    await expect(runAs(otherAdmin.id, other, "invitation.withdraw", (ctx) => withdrawInvitation(ctx, invitation.id))).rejects.toMatchObject({ code: "not_found" });
    expect(await db.invitation.findUniqueOrThrow({ where: { id: invitation.id } })).toMatchObject({ withdrawnAt: null });
  });
});

describe("single sign-on for an invited address", () => {
  it("makes the account at the first sign-in of an invited address, and of no other", async () => {
    const invited = newAddress();
    await invite(invited);
    const userId = await linkOidcUser(`sub-${hex()}`, { email: invited, emailVerified: true, name: "Invited Person" });
    expect(await db.user.findUniqueOrThrow({ where: { email: invited } })).toMatchObject({ id: userId, name: "Invited Person" });
    expect(await db.auditEvent.count({ where: { tenantId: tenant.id, action: "user.create", resourceId: userId! } })).toBe(1);

    const stranger = newAddress();
    expect(await linkOidcUser(`sub-${hex()}`, { email: stranger, emailVerified: true, name: "Stranger" })).toBeNull();
    const unverified = newAddress();
    await invite(unverified);
    expect(await linkOidcUser(`sub-${hex()}`, { email: unverified, emailVerified: false, name: "Unverified" })).toBeNull();
    expect(await db.user.count({ where: { email: { in: [stranger, unverified] } } })).toBe(0);
  });
});
