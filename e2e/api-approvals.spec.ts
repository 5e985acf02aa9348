// Approving over HTTP, beyond what the generated matrix and bad-input specs reach: a vote that is
// malformed, lacks a reason the rule requires, names an unknown request or another tenant's, or
// comes from someone the rule does not accept is refused with a clear 4xx and records no vote;
// votes sent at the same moment (a double click among them) decide once; the worker applies the
// outcome; the requester withdraws; what each person sees follows. Team members, whom thresholds
// may name, are added and removed with the same care.
import type { APIRequestContext } from "@playwright/test";
import { describeRule, effectiveApprovalRule } from "../server/approvals/effective-approval-rule";
import { defaultPolicySets } from "../server/test/policy-sets";
import { FOREIGN_TENANT, OWN_TENANT, PLATFORM_ADMIN, ROLE_USERS, tenantAdmin } from "./fixtures";
import { expect, expectError, test as apiTest, unique } from "./support/api";
import { Factory } from "./support/factory";
import { approvalRow, auditEventsAbout, auditEventsOfRequest, snapshotRow, sql, voteCount } from "./support/db";

const test = apiTest.extend<{ factory: Factory }>({
  factory: async ({ as }, use) => {
    const factory = new Factory(as);
    await use(factory);
    await factory.dispose();
  },
});

const base = `/api/v1/tenants/${OWN_TENANT}`;
const POLICY_ADMIN = ROLE_USERS[OWN_TENANT].policy_admin;
const APPROVER = ROLE_USERS[OWN_TENANT].approver;
const RULE = effectiveApprovalRule(defaultPolicySets().active, "policy_activation")!;
const NOT_ELIGIBLE = `not eligible: the approval rule (platform-approvals/policy_activation) asks for ${describeRule(RULE)}`;

const votes = (id: string, tenant: string = OWN_TENANT) => `/api/v1/tenants/${tenant}/approvals/${id}/votes`;

async function json(res: Awaited<ReturnType<APIRequestContext["get"]>>, status: number): Promise<Record<string, unknown>> {
  expect(res.status(), `${res.url()}: ${(await res.text()).slice(0, 300)}`).toBe(status);
  return (await res.json()) as Record<string, unknown>;
}

async function appliedResult(id: string): Promise<string> {
  await expect.poll(async () => (await approvalRow(id))?.appliedAt ?? null, { timeout: 15_000, message: `approval ${id} applied by the worker` }).not.toBeNull();
  return (await approvalRow(id))!.applyResult!;
}

/** Pages through a person's inbox (most urgent first; newer requests come last) looking for a request. */
async function inboxHas(ctx: APIRequestContext, id: string): Promise<boolean> {
  let after: string | null = null;
  for (let page = 0; page < 30; page++) {
    const body = (await json(await ctx.get(`${base}/approvals`, { params: { view: "inbox", kind: "policy_activation", limit: "100", ...(after ? { after } : {}) } }), 200)) as { approvals: { id: string }[]; nextAfter: string | null };
    if (body.approvals.some((a) => a.id === id)) return true;
    if (!body.nextAfter) return false;
    after = body.nextAfter;
  }
  throw new Error("the inbox has more than 3,000 requests");
}

test.describe("a vote that cannot count is refused and records nothing", () => {
  test("malformed, unreasoned, unknown, ineligible, foreign or unauthenticated: each its 4xx, the request unchanged", async ({ as, factory }) => {
    const { id } = await factory.approval(OWN_TENANT);
    const before = await snapshotRow("approval", id);
    const admin = await as(POLICY_ADMIN);
    const cases: { what: string; send: (requestId: string) => ReturnType<APIRequestContext["post"]>; status: number; message?: string | RegExp; field?: string }[] = [
      { what: "malformed JSON", send: (r) => admin.post(votes(id), { data: Buffer.from('{"vote": '), headers: { "content-type": "application/json", "x-request-id": r } }), status: 400 },
      { what: "a vote that is neither approve nor deny", send: (r) => admin.post(votes(id), { data: { vote: "maybe" }, headers: { "x-request-id": r } }), status: 422, field: "body.vote" },
      { what: "no vote at all", send: (r) => admin.post(votes(id), { data: { reason: "looks fine" }, headers: { "x-request-id": r } }), status: 422, field: "body.vote" },
      { what: "an unknown field", send: (r) => admin.post(votes(id), { data: { vote: "approve", onBehalfOf: "someone" }, headers: { "x-request-id": r } }), status: 422, field: "body.onBehalfOf" },
      { what: "a denial without a reason (the rule requires one)", send: (r) => admin.post(votes(id), { data: { vote: "deny" }, headers: { "x-request-id": r } }), status: 422, message: "a reason is required to deny", field: "body.reason" },
      { what: "a denial with an empty reason", send: (r) => admin.post(votes(id), { data: { vote: "deny", reason: "" }, headers: { "x-request-id": r } }), status: 422, field: "body.reason" },
      { what: "a denial whose reason is blanks", send: (r) => admin.post(votes(id), { data: { vote: "deny", reason: "   " }, headers: { "x-request-id": r } }), status: 422, field: "body.reason" },
      { what: "an unknown request", send: (r) => admin.post(votes(`nosuch${unique()}`), { data: { vote: "approve" }, headers: { "x-request-id": r } }), status: 404, message: "approval request not found" },
      { what: "an approver the rule does not accept", send: async (r) => (await as(APPROVER)).post(votes(id), { data: { vote: "approve" }, headers: { "x-request-id": r } }), status: 403, message: NOT_ELIGIBLE },
      { what: "a viewer", send: async (r) => (await as(ROLE_USERS[OWN_TENANT].viewer)).post(votes(id), { data: { vote: "approve" }, headers: { "x-request-id": r } }), status: 403, message: "missing permission approval.decide" },
      { what: "the request through another tenant the caller belongs to", send: async (r) => (await as(PLATFORM_ADMIN)).post(votes(id, FOREIGN_TENANT), { data: { vote: "approve" }, headers: { "x-request-id": r } }), status: 404, message: "approval request not found" },
      { what: "another tenant's policy admin", send: async (r) => (await as(ROLE_USERS[FOREIGN_TENANT].policy_admin)).post(votes(id, FOREIGN_TENANT), { data: { vote: "approve" }, headers: { "x-request-id": r } }), status: 404, message: "approval request not found" },
      { what: "another tenant's policy admin through acme", send: async (r) => (await as(ROLE_USERS[FOREIGN_TENANT].policy_admin)).post(votes(id), { data: { vote: "approve" }, headers: { "x-request-id": r } }), status: 404, message: "tenant not found" },
      { what: "an anonymous caller", send: async (r) => (await as("anonymous")).post(votes(id), { data: { vote: "approve" }, headers: { "x-request-id": r } }), status: 401 },
    ];
    // An API token with every permission of acme's admin: a vote is a person's.
    const token = String((await factory.token(OWN_TENANT, ["tenant_admin"])).token);
    cases.push({ what: "an API token", send: async (r) => (await as({ token, label: "token" })).post(votes(id), { data: { vote: "approve" }, headers: { "x-request-id": r } }), status: 403, message: NOT_ELIGIBLE });
    for (const c of cases) {
      const requestId = `e2e-${unique()}`;
      const err = await test.step(c.what, async () => expectError(await c.send(requestId), c.status, c.message));
      if (c.field) expect(err.error.details?.issues?.map((i) => i.path), c.what).toContain(c.field);
      expect(await voteCount(id), `${c.what}: no vote recorded`).toBe(0);
      expect(await snapshotRow("approval", id), `${c.what}: the request unchanged`).toEqual(before);
      // A refusal in one's own tenant by a rule is kept as evidence; nothing else leaves a trace.
      const events = (await auditEventsOfRequest(requestId)).map((e) => [e.action, e.decision]);
      expect(events, c.what).toEqual(c.status === 403 ? [["approval.vote", "deny"]] : []);
    }
    expect((await auditEventsAbout(id)).map((e) => e.action)).toEqual(["approval.request"]);
  });
});

test.describe("votes sent at the same moment", () => {
  test("five admins and a double click: one 201 decides, every other vote 409; one vote recorded, decided and applied once", async ({ as, factory }) => {
    const { id, document } = await factory.approval(OWN_TENANT);
    const extra = await Promise.all([1, 2, 3].map((i) => factory.newPerson(OWN_TENANT, ["policy_admin"], `voter${i}`)));
    const voters = [POLICY_ADMIN, POLICY_ADMIN, PLATFORM_ADMIN, ...extra];
    const contexts = await Promise.all(voters.map((v) => as(v)));
    const answers = await Promise.all(contexts.map((ctx) => ctx.post(votes(id), { data: { vote: "approve", reason: "reviewed" } })));
    const statuses = answers.map((a) => a.status());
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(voters.length - 1);
    const winner = voters[statuses.indexOf(201)]!;
    expect(await answers[statuses.indexOf(201)]!.json()).toMatchObject({ id, state: "approved", approvals: 1, denials: 0 });
    for (const late of answers.filter((a) => a.status() === 409)) {
      await expectError(late, 409, `this request is already approved (approved by ${winner.email}); nothing was recorded`);
    }
    expect(await voteCount(id)).toBe(1);
    expect(await appliedResult(id)).toBe(`${document.name} v1 is active`);
    const actions = (await auditEventsAbout(id)).map((e) => e.action);
    expect(actions).toEqual(["approval.request", "approval.vote", "approval.decide", "approval.apply"]);
    const detail = await json(await (await as(POLICY_ADMIN)).get(`${base}/approvals/${id}`), 200);
    expect(detail).toMatchObject({ state: "approved", outcomeReason: `approved by ${winner.email}`, applyResult: `${document.name} v1 is active`, votes: [{ voterLabel: winner.email, vote: "approve", reason: "reviewed" }] });
  });
});

test.describe("the requester", () => {
  test("withdraws; later votes and a second withdrawal are refused; the version stays a draft", async ({ as, factory }) => {
    const author = await factory.policyAuthor(OWN_TENANT);
    const mine = async () => (await json(await (await as(author)).get(`${base}/approvals/counts`), 200)).mine as number;
    const before = await mine();
    const { id, document } = await factory.approval(OWN_TENANT);
    expect(await mine()).toBe(before + 1);
    const raised = (await json(await (await as(author)).get(`${base}/approvals`, { params: { view: "mine", limit: "5" } }), 200)) as { approvals: { id: string }[] };
    expect(raised.approvals[0]!.id).toBe(id);
    expect(await json(await (await as(author)).get(`${base}/approvals/${id}`), 200)).toMatchObject({ me: { canVote: false, why: "you raised this request", canCancel: true } });
    expect(await inboxHas(await as(POLICY_ADMIN), id)).toBe(true);

    expect(await json(await (await as(author)).post(`${base}/approvals/${id}/cancel`, { data: { reason: "wrong directory" } }), 200)).toEqual({ id, state: "cancelled" });
    const why = `this request is already cancelled (withdrawn by ${author.email}: wrong directory); nothing was recorded`;
    await expectError(await (await as(POLICY_ADMIN)).post(votes(id), { data: { vote: "approve" } }), 409, why);
    await expectError(await (await as(author)).post(`${base}/approvals/${id}/cancel`, { data: {} }), 409, why);
    expect(await voteCount(id)).toBe(0);
    expect(await mine()).toBe(before);
    expect(await inboxHas(await as(POLICY_ADMIN), id)).toBe(false);
    expect(await appliedResult(id)).toBe(`${document.name} v1 stays draft: activation cancelled`);
    expect((await auditEventsAbout(id)).map((e) => e.action)).toEqual(["approval.request", "approval.cancel", "approval.apply"]);
  });
});

test.describe("team members", () => {
  test("only the tenant's members join its teams, once; removing someone not in the team -> 404", async ({ as, factory }) => {
    const admin = await as(tenantAdmin(OWN_TENANT));
    const team = String((await factory.team(OWN_TENANT)).id);
    const member = String((await factory.member(OWN_TENANT)).userId);
    const outsider = String((await factory.member(FOREIGN_TENANT)).userId);
    const url = `${base}/teams/${team}/members`;
    const before = await snapshotRow("team", team);
    const err = await expectError(await admin.post(url, { data: { userId: outsider } }), 422, "that person is not a member of this tenant");
    expect(err.error.details?.issues).toEqual([{ path: "body.userId", message: "not a member of this tenant" }]);
    await expectError(await admin.delete(`${url}/${member}`), 404, "team member not found");
    expect(await snapshotRow("team", team)).toEqual(before);

    const added = await json(await admin.post(url, { data: { userId: member } }), 201);
    expect(JSON.stringify(added)).toContain(member);
    await expectError(await admin.post(url, { data: { userId: member } }), 409, / is already in team /);
    expect((await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "TeamMember" WHERE "teamId" = $1`, [team]))[0]!.n).toBe(1);
    await json(await admin.delete(`${url}/${member}`), 200);
    expect((await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "TeamMember" WHERE "teamId" = $1`, [team]))[0]!.n).toBe(0);
    expect((await auditEventsAbout(team)).map((e) => e.action)).toEqual(["team.create", "team.member.add", "team.member.remove"]);
  });
});
