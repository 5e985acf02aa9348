// Votes racing each other and the request's end, against the real database: approvers clicking at
// the same moment, a double click, a vote after expiry (also while the reconciler expires the
// request), a vote on a cancelled request and a cancel racing a vote. Every case ends in exactly one
// terminal state; every late vote is refused with what happened; no vote is recorded twice; and
// the audit trail holds each request, vote and decision exactly once.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "../db/client";
import { AppError } from "../core/app-error";
import { runOperation, type OpContext } from "../core/op-context";
import { createTestTenant } from "../test/create-tenant";
import { withSuperuser } from "../test/superuser-client";
import { cancelApproval, cancelApprovalsForSubject } from "./cancel-approval";
import { reconcileApprovals } from "./reconcile-approvals";
import { requestApproval } from "./request-approval";
import { voteOnApproval } from "./vote-on-approval";
import { addPerson, ownApprovalQueues, runAs } from "../test/run-as";

// Decisions enqueue their outcome's job after the commit: into queues of this file's own, which no
// worker consumes here and which are removed at the end.
ownApprovalQueues("votes");


type Tenant = { id: string; slug: string };
type Person = { id: string; email: string };
const hex = () => randomBytes(4).toString("hex");

const person = addPerson;

/** Runs an operation as the person, the way withAuthz runs a mutation (runOperation, one transaction). */
const as = <T>(who: Person, tenant: Tenant, op: (ctx: OpContext) => Promise<T>) => runAs(who.id, tenant, "votes", op);

/** An agent's tool call waiting for a human (platform rule: 1 approval from an approver or tenant admin). */
const raise = (who: Person, tenant: Tenant, kind = "tool_call") =>
  as(who, tenant, (ctx) => requestApproval(ctx, {
    kind, subjectType: "run", subjectId: `run-${hex()}`, action: "tool.shell", title: "Run curl in the sandbox",
    proposal: { command: "curl -sS https://registry.example.test/health" }, risk: "high",
  }));

const vote = (who: Person, tenant: Tenant, id: string, v: "approve" | "deny" = "approve", reason?: string) =>
  as(who, tenant, (ctx) => voteOnApproval(ctx, id, { vote: v, reason }));

/** Runs calls at the same moment; what succeeded (with who) and what was refused. */
async function race<T>(calls: { who: Person; run: () => Promise<T> }[]) {
  const results = await Promise.allSettled(calls.map((c) => c.run()));
  const ok = results.flatMap((r, i) => (r.status === "fulfilled" ? [{ who: calls[i]!.who, value: r.value }] : []));
  const refused = results.flatMap((r) => (r.status === "rejected" ? [r.reason as unknown] : []));
  for (const e of refused) expect(e, String(e)).toBeInstanceOf(AppError);
  return { ok, refused: refused as AppError[] };
}

const votesOf = (requestId: string) => db.approvalVote.findMany({ where: { requestId }, orderBy: { createdAt: "asc" } });

/** How many audit events of each action name the request. */
async function auditCounts(requestId: string): Promise<Record<string, number>> {
  const rows = await db.auditEvent.groupBy({ by: ["action"], where: { resourceId: requestId }, _count: { _all: true } });
  return Object.fromEntries(rows.map((r) => [r.action, r._count._all]));
}

/** Moves a request's expiry into the past, as the database owner (the guard keeps expiresAt fixed for everyone else). */
async function expireNow(requestId: string): Promise<void> {
  await withSuperuser(async (c) => {
    await c.query("BEGIN");
    await c.query("SET LOCAL session_replication_role = replica");
    await c.query(`UPDATE "ApprovalRequest" SET "expiresAt" = now() - interval '1 second' WHERE id = $1`, [requestId]);
    await c.query("COMMIT");
  });
}

async function setup(label: string) {
  const tenant = await createTestTenant(label);
  const requester = await person(tenant, ["operator"], "requester");
  const approvers = await Promise.all([1, 2, 3, 4, 5, 6].map((i) => person(tenant, ["approver"], `approver${i}`)));
  const admins = await Promise.all([1, 2].map((i) => person(tenant, ["tenant_admin"], `admin${i}`)));
  return { tenant, requester, approvers, admins };
}

describe("approvers clicking at the same moment", () => {
  it("six approvers on a one-approval rule: one decides, five are refused with what happened; one vote, one decision", async () => {
    const { tenant, requester, approvers } = await setup("same-moment");
    for (let round = 0; round < 3; round++) {
      const req = await raise(requester, tenant);
      const { ok, refused } = await race(approvers.map((a) => ({ who: a, run: () => vote(a, tenant, req.id) })));
      expect(ok).toHaveLength(1);
      const winner = ok[0]!.who;
      expect(ok[0]!.value).toMatchObject({ state: "approved", approvals: 1 });
      expect(refused).toHaveLength(5);
      for (const e of refused) {
        expect(e).toMatchObject({ code: "conflict", status: 409, message: `this request is already approved (approved by ${winner.email}); nothing was recorded` });
      }
      expect((await votesOf(req.id)).map((v) => v.voterId)).toEqual([winner.id]);
      expect(await db.approvalRequest.findUniqueOrThrow({ where: { id: req.id } })).toMatchObject({ state: "approved", pendingKey: null, decidedAt: expect.any(Date), outcomeReason: `approved by ${winner.email}` });
      expect(await auditCounts(req.id)).toEqual({ "approval.request": 1, "approval.vote": 1, "approval.decide": 1 });
    }
  });

  it("an approval and a denial at the same moment: the first decides, the state is its vote, the other is refused", async () => {
    const { tenant, requester, approvers } = await setup("approve-deny");
    const [a, b] = approvers;
    for (let round = 0; round < 4; round++) {
      const req = await raise(requester, tenant);
      const { ok, refused } = await race([
        { who: a!, run: () => vote(a!, tenant, req.id, "approve") },
        { who: b!, run: () => vote(b!, tenant, req.id, "deny", "not on a Friday") },
      ]);
      expect(ok).toHaveLength(1);
      const state = ok[0]!.who === a ? "approved" : "denied";
      expect(ok[0]!.value.state).toBe(state);
      expect(refused[0]).toMatchObject({ code: "conflict", message: expect.stringMatching(new RegExp(`^this request is already ${state} \\(${state} by `)) });
      expect((await db.approvalRequest.findUniqueOrThrow({ where: { id: req.id } })).state).toBe(state);
      expect(await votesOf(req.id)).toHaveLength(1);
      expect(await auditCounts(req.id)).toEqual({ "approval.request": 1, "approval.vote": 1, "approval.decide": 1 });
    }
  });

  it("two approvals both needed (two tenant admins to release a kill switch) at the same moment: both count, one decision", async () => {
    const { tenant, requester, admins } = await setup("both-needed");
    for (let round = 0; round < 3; round++) {
      const req = await raise(requester, tenant, "killswitch_release");
      const { ok, refused } = await race(admins.map((a) => ({ who: a, run: () => vote(a, tenant, req.id, "approve", "the incident is over") })));
      expect(refused).toEqual([]);
      // They were serialised by the row lock: the second saw the first's vote.
      expect(ok.map((o) => o.value.state).sort()).toEqual(["approved", "pending"]);
      const votes = await votesOf(req.id);
      expect(votes.map((v) => v.voterId).sort()).toEqual(admins.map((a) => a.id).sort());
      const second = ok.find((o) => o.value.state === "approved")!.who;
      const first = admins.find((a) => a !== second)!;
      expect((await db.approvalRequest.findUniqueOrThrow({ where: { id: req.id } })).outcomeReason).toBe(`approved by ${first.email}, ${second.email}`);
      expect(await auditCounts(req.id)).toEqual({ "approval.request": 1, "approval.vote": 2, "approval.decide": 1 });
    }
  });
});

describe("the same request raised twice at once", () => {
  it("creates one pending request; every caller gets it back; one approval.request event", async () => {
    const { tenant, requester } = await setup("ask-twice");
    const subjectId = `run-${hex()}`;
    // Callers audit their own step (as the run pipeline does when it pauses), so each operation has its event.
    const ask = () => as(requester, tenant, async (ctx) => {
      const r = await requestApproval(ctx, { kind: "tool_call", subjectType: "run", subjectId, action: "tool.shell", title: "Run curl", proposal: { command: "curl" }, risk: "high" });
      await ctx.audit({ action: "test.ask", resourceType: "run", resourceId: subjectId, after: { approval: r.id } });
      return r;
    });
    const results = await Promise.all([ask(), ask(), ask(), ask()]);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(await db.approvalRequest.count({ where: { tenantId: tenant.id, subjectId } })).toBe(1);
    expect(await auditCounts(results[0]!.id)).toEqual({ "approval.request": 1 });
  });
});

describe("a double click", () => {
  it("the same approver twice at once where two approvals are needed: one vote recorded, the second refused as already voted", async () => {
    const { tenant, requester, admins } = await setup("double-click");
    const admin = admins[0]!;
    for (let round = 0; round < 3; round++) {
      const req = await raise(requester, tenant, "killswitch_release");
      const { ok, refused } = await race([1, 2].map(() => ({ who: admin, run: () => vote(admin, tenant, req.id, "approve", "all clear") })));
      expect(ok).toHaveLength(1);
      expect(ok[0]!.value).toMatchObject({ state: "pending", approvals: 1 });
      expect(refused).toHaveLength(1);
      expect(refused[0]).toMatchObject({ code: "conflict", status: 409, message: "you already voted approve on this request; nothing was recorded" });
      expect(await votesOf(req.id)).toHaveLength(1);
      expect((await db.approvalRequest.findUniqueOrThrow({ where: { id: req.id } })).state).toBe("pending");
      expect(await auditCounts(req.id)).toEqual({ "approval.request": 1, "approval.vote": 1 });
    }
  });

  it("the same approver twice at once where one approval decides: the second is told it is already approved", async () => {
    const { tenant, requester, approvers } = await setup("double-click-decides");
    const me = approvers[0]!;
    const req = await raise(requester, tenant);
    const { ok, refused } = await race([1, 2].map(() => ({ who: me, run: () => vote(me, tenant, req.id) })));
    expect(ok.map((o) => o.value.state)).toEqual(["approved"]);
    expect(refused.map((e) => e.message)).toEqual([`this request is already approved (approved by ${me.email}); nothing was recorded`]);
    expect(await votesOf(req.id)).toHaveLength(1);
    expect(await auditCounts(req.id)).toEqual({ "approval.request": 1, "approval.vote": 1, "approval.decide": 1 });
  });
});

describe("a vote after expiry", () => {
  it("is refused while the request is still pending, and after the reconciler marked it expired; one terminal state", async () => {
    const { tenant, requester, approvers } = await setup("expiry");
    const req = await raise(requester, tenant);
    await expireNow(req.id);
    const late = await vote(approvers[0]!, tenant, req.id).catch((e: unknown) => e);
    expect(late).toMatchObject({ code: "conflict", status: 409, message: expect.stringMatching(/^this request expired at \d{4}-\d\d-\d\dT[\d:.]+Z; nothing was recorded$/) });
    expect((await db.approvalRequest.findUniqueOrThrow({ where: { id: req.id } })).state).toBe("pending");

    // The reconciler and three approvers at the same moment: the approvers are refused either way.
    const { ok, refused } = await race([
      ...approvers.slice(1, 4).map((a) => ({ who: a, run: () => vote(a, tenant, req.id) })),
    ].concat([{ who: requester, run: () => reconcileApprovals() as never }]));
    expect(ok.map((o) => o.who)).toEqual([requester]);
    for (const e of refused) expect(e.message).toMatch(/^this request (expired at \S+|is already expired \(expired without a decision\)); nothing was recorded$/);
    // The reconciler skips a row a vote holds locked; the next round expires it.
    for (let i = 0; i < 3 && (await db.approvalRequest.findUniqueOrThrow({ where: { id: req.id } })).state === "pending"; i++) await reconcileApprovals();

    expect(await db.approvalRequest.findUniqueOrThrow({ where: { id: req.id } })).toMatchObject({ state: "expired", outcomeReason: "expired without a decision", decidedAt: expect.any(Date), pendingKey: null });
    await expect(vote(approvers[4]!, tenant, req.id)).rejects.toMatchObject({ code: "conflict", message: "this request is already expired (expired without a decision); nothing was recorded" });
    await reconcileApprovals(); // expiring is done once
    expect(await votesOf(req.id)).toEqual([]);
    expect(await auditCounts(req.id)).toEqual({ "approval.request": 1, "approval.expire": 1 });
    // Expired is terminal: the same subject and action may be asked for again.
    const again = await as(requester, tenant, (ctx) => requestApproval(ctx, {
      kind: "tool_call", subjectType: req.subjectType, subjectId: req.subjectId, action: "tool.shell", title: "again", proposal: {}, risk: "high",
    }));
    expect(again).toMatchObject({ created: true, state: "pending" });
    expect(again.id).not.toBe(req.id);
  });
});

describe("a vote on a cancelled request", () => {
  it("is refused, as is a second cancel; only the requester withdraws", async () => {
    const { tenant, requester, approvers } = await setup("cancelled");
    const req = await raise(requester, tenant);
    await expect(as(approvers[0]!, tenant, (ctx) => cancelApproval(ctx, req.id, {}))).rejects.toMatchObject({ code: "forbidden", message: "only the person who raised a request can withdraw it" });
    expect(await as(requester, tenant, (ctx) => cancelApproval(ctx, req.id, { reason: "the run was stopped" }))).toEqual({ id: req.id, state: "cancelled" });
    const why = `withdrawn by ${requester.email}: the run was stopped`;
    await expect(vote(approvers[0]!, tenant, req.id)).rejects.toMatchObject({ code: "conflict", status: 409, message: `this request is already cancelled (${why}); nothing was recorded` });
    await expect(as(requester, tenant, (ctx) => cancelApproval(ctx, req.id, {}))).rejects.toMatchObject({ code: "conflict", message: `this request is already cancelled (${why}); nothing was recorded` });
    expect(await votesOf(req.id)).toEqual([]);
    expect(await db.approvalRequest.findUniqueOrThrow({ where: { id: req.id } })).toMatchObject({ state: "cancelled", outcomeReason: why });
    expect(await auditCounts(req.id)).toEqual({ "approval.request": 1, "approval.cancel": 1 });
  });

  it("a cancel and a vote at the same moment: whichever comes first is the one terminal state", async () => {
    const { tenant, requester, approvers } = await setup("cancel-race");
    const seen = new Set<string>();
    for (let round = 0; round < 6; round++) {
      const req = await raise(requester, tenant);
      const { ok, refused } = await race<{ state: string }>([
        { who: requester, run: () => as(requester, tenant, (ctx) => cancelApproval(ctx, req.id, {})) },
        { who: approvers[0]!, run: () => vote(approvers[0]!, tenant, req.id) },
      ]);
      expect(ok).toHaveLength(1);
      expect(refused).toHaveLength(1);
      const state = ok[0]!.value.state;
      seen.add(state);
      expect(refused[0]).toMatchObject({ code: "conflict", message: expect.stringMatching(new RegExp(`^this request is already ${state} `)) });
      expect((await db.approvalRequest.findUniqueOrThrow({ where: { id: req.id } })).state).toBe(state);
      expect(await auditCounts(req.id)).toEqual(state === "cancelled" ? { "approval.request": 1, "approval.cancel": 1 } : { "approval.request": 1, "approval.vote": 1, "approval.decide": 1 });
      expect(await votesOf(req.id)).toHaveLength(state === "cancelled" ? 0 : 1);
    }
    expect([...seen].every((s) => s === "cancelled" || s === "approved")).toBe(true);
  });

  it("when the subject goes away its pending requests end, and later votes are refused", async () => {
    const { tenant, requester, approvers } = await setup("subject-gone");
    const req = await raise(requester, tenant);
    const decided = await raise(requester, tenant);
    await vote(approvers[0]!, tenant, decided.id);
    const cancelled = await as(requester, tenant, async (ctx) => {
      const n = await cancelApprovalsForSubject(ctx, "run", req.subjectId, "the run was cancelled");
      // Decided requests are left as they are.
      const m = await cancelApprovalsForSubject(ctx, "run", decided.subjectId, "the run was cancelled");
      return [n, m];
    });
    expect(cancelled).toEqual([1, 0]);
    await expect(vote(approvers[1]!, tenant, req.id)).rejects.toMatchObject({ code: "conflict", message: "this request is already cancelled (the run was cancelled); nothing was recorded" });
    expect((await db.approvalRequest.findUniqueOrThrow({ where: { id: decided.id } })).state).toBe("approved");
    expect(await auditCounts(req.id)).toEqual({ "approval.request": 1, "approval.cancel": 1 });
  });
});
