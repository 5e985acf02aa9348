// A session cookie counts only while its server-side session is live: signing out, ending one's
// own session, "sign out everywhere" and an admin ending a member's sessions each refuse the very
// next request, through the API (authenticate) and through the console's pages (sessionUser over
// the cookies Next.js gives a server component).
import { randomBytes } from "node:crypto";
import { RequestCookies } from "next/dist/compiled/@edge-runtime/cookies";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticate } from "../auth/authenticate";
import { loadUserActor } from "../auth/load-user-actor";
import { sessionUser } from "../auth/session-user";
import { db, disconnectDb } from "../db/client";
import { env } from "../env";
import { personReadContext, runPersonOperation } from "../core/person-op";
import { endMemberSessions } from "../members/end-member-sessions";
import { createTestTenant } from "../test/create-tenant";
import { addPerson, runAs, type TestTenant } from "../test/run-as";
import { endMySession } from "./end-my-session";
import { listMySessions } from "./list-my-sessions";
import { LAST_SEEN_RESOLUTION_MS } from "./session-rules";
import { signOutEverywhere } from "./sign-out-everywhere";
import { signOutSession } from "./sign-out-session";
import { startSession } from "./start-session";

afterAll(() => disconnectDb());

const CLIENT = { ip: "198.51.100.7", userAgent: "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0" };

async function cookieOf(token: Record<string, unknown>): Promise<string> {
  return `next-auth.session-token=${await encode({ token, secret: env().NEXTAUTH_SECRET, maxAge: 3600 })}`;
}
const apiRequest = (cookie: string) => new Request("http://x/api/v1/tenants/t", { headers: { cookie } });
const pageCookies = (cookie: string) => new RequestCookies(new Headers({ cookie }));

/** Who the API and a page see for the cookie (null: signed out). */
async function seenAs(cookie: string): Promise<[string | null, string | null]> {
  const api = await authenticate(apiRequest(cookie));
  const page = await sessionUser(pageCookies(cookie));
  return [api?.id ?? null, page?.id ?? null];
}

let tenant: TestTenant;
let admin: { id: string; email: string };
beforeAll(async () => {
  tenant = await createTestTenant("sessions");
  admin = await addPerson(tenant, ["tenant_admin"], "sessions-admin");
});

async function signedIn(roles = ["viewer"]) {
  const person = await addPerson(tenant, roles, "sessions-person");
  const sid = await startSession(person.id, "password", CLIENT);
  return { ...person, sid, cookie: await cookieOf({ uid: person.id, sid }) };
}

describe("signing in", () => {
  it("starts a session, names it in the JWT, and audits the sign-in with the session", async () => {
    const p = await signedIn();
    const row = await db.session.findUniqueOrThrow({ where: { id: p.sid } });
    expect(row).toMatchObject({ userId: p.id, method: "password", client: "Firefox on Linux", ip: CLIENT.ip, endedAt: null });
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "auth.sign_in", resourceId: p.sid } });
    expect(event).toMatchObject({ tenantId: tenant.id, actorId: p.id, sourceIp: CLIENT.ip, resourceType: "session" });
    const actor = await authenticate(apiRequest(p.cookie));
    expect(actor).toMatchObject({ kind: "user", id: p.id, sessionId: p.sid });
  });

  it("refuses a cookie whose session is missing, unknown or someone else's", async () => {
    const p = await signedIn();
    const other = await signedIn();
    for (const token of [{ uid: p.id }, { uid: p.id, sid: `unknown-${randomBytes(4).toString("hex")}` }, { uid: p.id, sid: other.sid }]) {
      expect(await seenAs(await cookieOf(token)), JSON.stringify(token)).toEqual([null, null]);
    }
    expect(await seenAs(p.cookie)).toEqual([p.id, p.id]);
  });
});

describe("ending sessions", () => {
  it("signing out refuses that cookie on the next request, and only that session", async () => {
    const p = await signedIn();
    const second = await startSession(p.id, "password", CLIENT);
    expect(await seenAs(p.cookie)).toEqual([p.id, p.id]);
    await signOutSession(p.sid, p.id, CLIENT.ip);
    expect(await seenAs(p.cookie)).toEqual([null, null]);
    expect(await seenAs(await cookieOf({ uid: p.id, sid: second }))).toEqual([p.id, p.id]);
    expect(await db.session.findUniqueOrThrow({ where: { id: p.sid } })).toMatchObject({ endedById: p.id, endReason: "sign_out" });
    expect(await db.auditEvent.count({ where: { action: "auth.sign_out", resourceId: p.sid } })).toBe(1);
    // Signing out a second time changes nothing and records nothing.
    await signOutSession(p.sid, p.id, CLIENT.ip);
    expect(await db.auditEvent.count({ where: { action: "auth.sign_out", resourceId: p.sid } })).toBe(1);
  });

  it("a person ends one of their sessions, never someone else's, and sees only open ones", async () => {
    const p = await signedIn();
    const other = await signedIn();
    const actor = { ...(await loadUserActor(p.id))!, sessionId: p.sid };
    const meta = { requestId: `end-${randomBytes(3).toString("hex")}`, ip: null };
    const laptop = await startSession(p.id, "oidc", { ip: null, userAgent: "curl/8.5.0" });
    await expect(runPersonOperation(actor, meta, "session.end", (ctx) => endMySession(ctx, other.sid))).rejects.toMatchObject({ code: "not_found" });
    expect(await seenAs(other.cookie)).toEqual([other.id, other.id]);
    const ended = await runPersonOperation(actor, meta, "session.end", (ctx) => endMySession(ctx, laptop));
    expect(ended).toEqual({ ended: true, id: laptop, current: false });
    const listed = await listMySessions(personReadContext(actor));
    expect(listed.sessions.map((s) => [s.id, s.current])).toEqual([[p.sid, true]]);
  });

  it("signing out everywhere ends every session of the person, audited in each of their tenants", async () => {
    const p = await signedIn();
    const second = await tenantWith(p.id);
    const other = await startSession(p.id, "password", CLIENT);
    const actor = { ...(await loadUserActor(p.id))!, sessionId: p.sid };
    const requestId = `all-${randomBytes(3).toString("hex")}`;
    expect(await runPersonOperation(actor, { requestId, ip: null }, "session.end_all", signOutEverywhere)).toEqual({ ended: 2 });
    expect(await seenAs(p.cookie)).toEqual([null, null]);
    expect(await seenAs(await cookieOf({ uid: p.id, sid: other }))).toEqual([null, null]);
    const events = await db.auditEvent.findMany({ where: { requestId }, select: { tenantId: true, action: true } });
    expect(events.map((e) => e.tenantId).sort()).toEqual([tenant.id, second].sort());
  });

  it("a tenant admin ends a member's sessions; another tenant's member answers 404", async () => {
    const p = await signedIn();
    const foreign = await createTestTenant("sessions-foreign");
    const outsider = await addPerson(foreign, ["viewer"], "outsider");
    const outsiderSid = await startSession(outsider.id, "password", CLIENT);
    const outsiderMember = await db.membership.findFirstOrThrow({ where: { userId: outsider.id } });
    const member = await db.membership.findFirstOrThrow({ where: { userId: p.id } });

    await expect(runAs(admin.id, tenant, "member.end_sessions", (ctx) => endMemberSessions(ctx, outsiderMember.id))).rejects.toMatchObject({ code: "not_found" });
    expect(await db.session.findUniqueOrThrow({ where: { id: outsiderSid } })).toMatchObject({ endedAt: null });

    expect(await runAs(admin.id, tenant, "member.end_sessions", (ctx) => endMemberSessions(ctx, member.id))).toEqual({ id: member.id, ended: 1 });
    expect(await seenAs(p.cookie)).toEqual([null, null]);
    expect(await db.session.findUniqueOrThrow({ where: { id: p.sid } })).toMatchObject({ endedById: admin.id, endReason: "ended_by_admin" });
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "member.end_sessions", resourceId: member.id } });
    expect(event).toMatchObject({ tenantId: tenant.id, actorId: admin.id, payload: { email: p.email, ended: 1 } });
  });
});

describe("last seen", () => {
  it("moves at most once a minute", async () => {
    const p = await signedIn();
    const old = new Date(Date.now() - 2 * LAST_SEEN_RESOLUTION_MS);
    await db.session.update({ where: { id: p.sid }, data: { lastSeenAt: old } });
    await authenticate(apiRequest(p.cookie));
    const moved = (await db.session.findUniqueOrThrow({ where: { id: p.sid } })).lastSeenAt;
    expect(moved.getTime()).toBeGreaterThan(old.getTime());
    await authenticate(apiRequest(p.cookie));
    await sessionUser(pageCookies(p.cookie));
    expect((await db.session.findUniqueOrThrow({ where: { id: p.sid } })).lastSeenAt).toEqual(moved);
  });
});

/** Adds the person to one more tenant; returns its id. */
async function tenantWith(userId: string): Promise<string> {
  const t = await createTestTenant("sessions-second");
  await db.membership.create({ data: { tenantId: t.id, userId, roles: ["viewer"] } });
  return t.id;
}
