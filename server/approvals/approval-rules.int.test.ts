// Approval rules applied to real people: thresholds combined with AND need different people, a
// tenant's policy adds a team threshold that team members meet (joining or leaving the team
// changes who may decide), eligibility and reasons are enforced with answers that say why and
// record nothing, asking twice for the same subject and action returns the pending request, and
// the inbox and the detail show each person what is theirs to see.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { loadUserActor } from "../auth/load-user-actor";
import { permissionsOfRoles } from "../authz/permissions";
import { scopeFor, type Actor, type Scope } from "../authz/scope";
import { db } from "../db/client";
import { AppError } from "../core/app-error";
import { runOperation, type OpContext } from "../core/op-context";
import { readContext } from "../core/read-context";
import { loadPolicySets } from "../policy/load-policy-sets";
import { requestPolicyActivation } from "../policy/publish-policy-version";
import { createPolicyDocument } from "../policy/save-policy-version";
import { addTeamMember, removeTeamMember } from "../teams/team-members";
import { createTeam } from "../teams/create-team";
import { createTestTenant } from "../test/create-tenant";
import { getApproval } from "./get-approval";
import { ZApprovalFilter } from "./approval-input";
import { approvalCounts, listApprovals } from "./list-approvals";
import { applyOutcome } from "../wiring/approval-consumers";
import { requestApproval, type ApprovalInput } from "./request-approval";
import { voteOnApproval } from "./vote-on-approval";
import { addPerson, ownApprovalQueues } from "../test/run-as";

ownApprovalQueues("rules");


type Tenant = { id: string; slug: string };
type Person = { id: string; email: string };
const hex = () => randomBytes(4).toString("hex");
const tx0 = db;

const person = addPerson;

async function scopeOf(who: Person | Actor, tenant: Tenant): Promise<Scope> {
  const actor = "kind" in who ? who : (await loadUserActor(who.id))!;
  return scopeFor(actor, { ...tenant, name: tenant.slug, status: "active" }, await loadPolicySets(tx0, tenant.id))!;
}

async function as<T>(who: Person | Actor, tenant: Tenant, op: (ctx: OpContext) => Promise<T>): Promise<T> {
  return runOperation(await scopeOf(who, tenant), { requestId: `rules-${hex()}`, ip: null }, "rules", op);
}

async function reading<T>(who: Person, tenant: Tenant, op: (ctx: OpContext) => Promise<T>): Promise<T> {
  return op(readContext(await scopeOf(who, tenant)));
}

const ask = (kind: string, o: Partial<ApprovalInput> = {}): ApprovalInput => ({
  kind, subjectType: "run", subjectId: `run-${hex()}`, action: "ci.workflow.write", title: `A ${kind} request`,
  proposal: { diff: ".github/workflows/release.yml | 4 ++--" }, risk: "high", ...o,
});

/**
 * Raises a request the way a feature does: inside the feature's own step, which audits what it did
 * (an operation that changes nothing of its own would be refused by runOperation).
 */
const raise = (who: Person, tenant: Tenant, input: ApprovalInput) =>
  as(who, tenant, async (ctx) => {
    const r = await requestApproval(ctx, input);
    await ctx.audit({ action: "test.step.wait", resourceType: input.subjectType, resourceId: input.subjectId, after: { approval: r.id } });
    return r;
  });

const vote = (who: Person | Actor, tenant: Tenant, id: string, v: "approve" | "deny" = "approve", reason?: string) =>
  as(who, tenant, (ctx) => voteOnApproval(ctx, id, { vote: v, reason }));

const refusal = (p: Promise<unknown>) => p.then(() => { throw new Error("expected a refusal"); }, (e: unknown) => e as AppError);
const votesOf = (requestId: string) => db.approvalVote.count({ where: { requestId } });

describe("thresholds combined with AND", () => {
  it("need different people: one person holding both roles meets one threshold, and cannot vote twice", async () => {
    const tenant = await createTestTenant("and-rule");
    const requester = await person(tenant, ["operator"], "requester");
    const both = await person(tenant, ["approver", "tenant_admin"], "both");
    const approver = await person(tenant, ["approver"], "approver");
    const admin = await person(tenant, ["tenant_admin"], "admin");
    // ci_workflow_change: 1 approver AND 1 tenant admin, reasons required.
    const req = await raise(requester, tenant, ask("ci_workflow_change"));
    expect(await vote(both, tenant, req.id, "approve", "the workflow only pins an action")).toMatchObject({ state: "pending", approvals: 1, progress: [[{ approvals: 1, met: 1 }, { approvals: 1, met: 0 }]] });
    expect(await refusal(vote(both, tenant, req.id, "approve", "again"))).toMatchObject({ code: "conflict", message: "you already voted approve on this request; nothing was recorded" });
    // Whoever comes second, the first person's vote counts for the threshold the second cannot meet.
    expect(await vote(approver, tenant, req.id, "approve", "agreed")).toMatchObject({ state: "approved", approvals: 2, progress: [[{ approvals: 1, met: 1 }, { approvals: 1, met: 1 }]] });
    expect(await refusal(vote(admin, tenant, req.id, "approve", "late"))).toMatchObject({ code: "conflict", message: expect.stringMatching(/^this request is already approved \(approved by /) });
    expect(await votesOf(req.id)).toBe(2);

    // Two people of the same role meet only that role's threshold.
    const second = await raise(requester, tenant, ask("ci_workflow_change"));
    const approver2 = await person(tenant, ["approver"], "approver2");
    await vote(approver, tenant, second.id, "approve", "ok");
    expect(await vote(approver2, tenant, second.id, "approve", "ok")).toMatchObject({ state: "pending", approvals: 2 });
    expect(await vote(admin, tenant, second.id, "approve", "ok")).toMatchObject({ state: "approved" });
  });

  it("a tenant's policy adds a team threshold (AND); team members meet it, and joining or leaving the team changes who may decide", async () => {
    const tenant = await createTestTenant("team-rule");
    const author = await person(tenant, ["policy_admin"], "author");
    const reviewer = await person(tenant, ["policy_admin"], "reviewer");
    const admin = await person(tenant, ["tenant_admin"], "admin");
    const requester = await person(tenant, ["operator"], "requester");
    const approver = await person(tenant, ["approver"], "approver");
    const engineer = await person(tenant, ["viewer"], "payments-engineer");
    const slug = `payments-${hex()}`;
    const team = await as(admin, tenant, (ctx) => createTeam(ctx, { slug, name: "Payments", description: "" }));

    // The tenant's approvals: every agent tool call also needs a payments engineer.
    const content = `apiVersion: fleetgate/v1
kind: Policy
metadata:
  name: payments-approvals
  level: tenant
rules: []
approvals:
  - kind: tool_call
    description: A payments engineer signs off on agent tool calls too
    require: { all: [{ approvals: 1, from: { teams: [${slug}] } }] }
    reason: { approve: required }
`;
    const { documentId } = await as(author, tenant, (ctx) => createPolicyDocument(ctx, { content, tests: "", message: "payments engineers review tool calls" }));
    const activation = await as(author, tenant, (ctx) => requestPolicyActivation(ctx, documentId, 1, {}));
    await vote(reviewer, tenant, activation.id);
    expect(await applyOutcome(activation.id)).toMatchObject({ applied: true });

    const req = await raise(requester, tenant, ask("tool_call", { action: "tool.shell" }));
    const row = await db.approvalRequest.findUniqueOrThrow({ where: { id: req.id } });
    expect(row).toMatchObject({ eligibleRoles: ["approver", "tenant_admin"], eligibleTeams: [slug] });
    const detail = await reading(approver, tenant, (ctx) => getApproval(ctx, req.id));
    expect(detail.rule).toMatchObject({ sources: ["platform-approvals/tool_call", "payments-approvals/tool_call"], reason: { approve: "required", deny: "required" }, description: `1 approval from approver or tenant admin, and 1 approval from team ${slug}` });
    expect(detail.eligible.map((e) => e.email)).toEqual([admin.email, approver.email].sort());

    // Not yet in the team: not eligible, told which rule asks for whom.
    const notYet = await refusal(vote(engineer, tenant, req.id, "approve", "fine"));
    expect(notYet).toMatchObject({ code: "forbidden", status: 403, message: `not eligible: the approval rule (platform-approvals/tool_call, payments-approvals/tool_call) asks for 1 approval from approver or tenant admin, and 1 approval from team ${slug}` });
    expect(await reading(engineer, tenant, (ctx) => approvalCounts(ctx))).toEqual({ inbox: 0, mine: 0 });

    await as(admin, tenant, (ctx) => addTeamMember(ctx, team.id, { userId: engineer.id }));
    expect(await reading(engineer, tenant, (ctx) => approvalCounts(ctx))).toEqual({ inbox: 1, mine: 0 });
    expect((await reading(approver, tenant, (ctx) => getApproval(ctx, req.id))).eligible.map((e) => [e.email, e.teams])).toContainEqual([engineer.email, [slug]]);
    // A reason is required to approve under this rule: refused with the field, nothing recorded.
    const noReason = await refusal(vote(engineer, tenant, req.id, "approve"));
    expect(noReason).toMatchObject({ code: "validation_failed", status: 422, details: { issues: [{ path: "body.reason", message: "required to approve this request" }] } });
    expect(await votesOf(req.id)).toBe(0);

    expect(await vote(engineer, tenant, req.id, "approve", "the command only reads")).toMatchObject({ state: "pending", progress: [[{ approvals: 1, met: 0 }, { approvals: 1, met: 1 }]] });
    const recorded = await db.approvalVote.findFirstOrThrow({ where: { requestId: req.id } });
    expect(recorded).toMatchObject({ voterId: engineer.id, roles: ["viewer"], teams: [slug], reason: "the command only reads" });
    expect(await vote(approver, tenant, req.id, "approve", "ok")).toMatchObject({ state: "approved" });

    // Leaving the team: the next request is no longer theirs to decide.
    await as(admin, tenant, (ctx) => removeTeamMember(ctx, team.id, engineer.id));
    const next = await raise(requester, tenant, ask("tool_call", { action: "tool.shell" }));
    expect(await refusal(vote(engineer, tenant, next.id, "approve", "fine"))).toMatchObject({ code: "forbidden", message: expect.stringMatching(/^not eligible: /) });
    expect(await reading(engineer, tenant, (ctx) => approvalCounts(ctx))).toEqual({ inbox: 0, mine: 0 });
    await expect(reading(engineer, tenant, (ctx) => getApproval(ctx, next.id))).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("eligibility and reasons", () => {
  it("refuses people no threshold accepts and API tokens with 403 naming the rule, and a missing deny reason with 422; nothing recorded", async () => {
    const tenant = await createTestTenant("eligibility");
    const requester = await person(tenant, ["operator"], "requester");
    const admin = await person(tenant, ["tenant_admin"], "admin");
    const req = await raise(requester, tenant, ask("tool_call", { action: "tool.shell" }));
    const because = "not eligible: the approval rule (platform-approvals/tool_call) asks for 1 approval from approver or tenant admin";
    for (const roles of [["viewer"], ["operator"], ["policy_admin"], ["campaign_owner", "auditor"]]) {
      expect(await refusal(vote(await person(tenant, roles, roles.join("-")), tenant, req.id))).toMatchObject({ code: "forbidden", status: 403, message: because });
    }
    // A token acts for its creator, but a vote is a person's: refused even with the creator's roles.
    const token: Actor = { kind: "token", id: `tok-${hex()}`, name: "ci", userId: admin.id, tenantId: tenant.id, permissions: permissionsOfRoles(["tenant_admin"]) };
    expect(await refusal(vote(token, tenant, req.id))).toMatchObject({ code: "forbidden", message: because });
    expect(await refusal(vote(admin, tenant, req.id, "deny"))).toMatchObject({ code: "validation_failed", status: 422, details: { issues: [{ path: "body.reason", message: "required to deny this request" }] } });
    expect(await refusal(vote(admin, tenant, req.id, "deny", "   ".trim() || undefined))).toMatchObject({ code: "validation_failed" });
    // Unknown and other tenants' requests answer like missing ones.
    expect(await refusal(vote(admin, tenant, "no-such-request"))).toMatchObject({ code: "not_found", status: 404, message: "approval request not found" });
    const other = await createTestTenant("eligibility-other");
    const otherAdmin = await person(other, ["tenant_admin"], "other-admin");
    expect(await refusal(vote(otherAdmin, other, req.id, "approve"))).toMatchObject({ code: "not_found", message: "approval request not found" });
    expect(await votesOf(req.id)).toBe(0);
    expect(await db.approvalRequest.findUniqueOrThrow({ where: { id: req.id } })).toMatchObject({ state: "pending", decidedAt: null });
    expect(await db.auditEvent.count({ where: { resourceId: req.id } })).toBe(1); // the request only
    expect(await vote(admin, tenant, req.id, "deny", "not during the freeze")).toMatchObject({ state: "denied" });
  });
});

describe("asking twice", () => {
  it("returns the pending request for the same subject and action; another action or subject, or a decided one, gets a new request", async () => {
    const tenant = await createTestTenant("idempotent");
    const requester = await person(tenant, ["operator"], "requester");
    const approver = await person(tenant, ["approver"], "approver");
    const input = ask("tool_call", { subjectId: `run-${hex()}`, action: "tool.shell" });
    const first = await raise(requester, tenant, input);
    expect(first).toMatchObject({ created: true, state: "pending" });
    const again = await raise(requester, tenant, { ...input, title: "asked again", risk: "low" });
    expect(again).toMatchObject({ id: first.id, created: false, title: first.title, risk: "high" });
    const otherAction = await raise(requester, tenant, { ...input, action: "tool.network" });
    const otherSubject = await raise(requester, tenant, { ...input, subjectId: `run-${hex()}` });
    expect(new Set([first.id, otherAction.id, otherSubject.id]).size).toBe(3);
    expect(await db.approvalRequest.count({ where: { tenantId: tenant.id } })).toBe(3);
    expect(await db.auditEvent.count({ where: { resourceId: first.id, action: "approval.request" } })).toBe(1);
    expect(await db.notification.count({ where: { requestId: first.id, userId: approver.id } })).toBe(1);

    await vote(approver, tenant, first.id);
    const afterDecision = await raise(requester, tenant, input);
    expect(afterDecision).toMatchObject({ created: true, state: "pending" });
    expect(afterDecision.id).not.toBe(first.id);
  });

  it("asked by several callers at the same moment: never a second pending request", async () => {
    const tenant = await createTestTenant("idempotent-race");
    const requester = await person(tenant, ["operator"], "requester");
    for (let round = 0; round < 3; round++) {
      const input = ask("tool_call", { subjectId: `run-${hex()}`, action: "tool.shell" });
      const results = await Promise.allSettled([1, 2, 3].map(() => raise(requester, tenant, input)));
      const rows = await db.approvalRequest.findMany({ where: { tenantId: tenant.id, subjectId: input.subjectId } });
      expect(rows).toHaveLength(1);
      const answered = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
      expect(answered.every((a) => a.id === rows[0]!.id)).toBe(true);
      expect(answered.filter((a) => a.created)).toHaveLength(1);
      // A caller that lost the insert race is refused by the unique index (see the report), never given a copy.
      for (const r of results) if (r.status === "rejected") expect((r.reason as { code?: string }).code).toBe("P2002");
      expect(await db.auditEvent.count({ where: { resourceId: rows[0]!.id, action: "approval.request" } })).toBe(1);
    }
  });
});

describe("what each person sees", () => {
  it("the inbox: what I may decide, most urgent first, without what I raised, wrote or voted on; mine; all for auditors", async () => {
    const tenant = await createTestTenant("inbox");
    const operator = await person(tenant, ["operator"], "operator");
    const approver = await person(tenant, ["approver"], "approver");
    const other = await person(tenant, ["approver"], "other-approver");
    const auditor = await person(tenant, ["auditor"], "auditor");
    const raised = [] as { id: string }[];
    // Dependency upgrades (approver only, reasons required) and policy activations (not the approver's).
    for (let i = 0; i < 3; i++) raised.push(await raise(operator, tenant, ask("dependency_major_upgrade", { action: "upgrade" })));
    const byApprover = await raise(approver, tenant, ask("dependency_major_upgrade", { action: "upgrade" }));
    const authored = await raise(operator, tenant, ask("dependency_major_upgrade", { action: "upgrade", subjectAuthor: { id: approver.id, label: approver.email } }));
    const notMine = await raise(operator, tenant, ask("killswitch_release", { action: "release" }));
    await vote(approver, tenant, raised[1]!.id, "deny", "too big a jump");
    const third = await raise(operator, tenant, ask("dependency_major_upgrade", { action: "upgrade" }));
    await vote(other, tenant, third.id, "approve", "fine"); // decided by someone else

    const list = (who: Person, view: "inbox" | "mine" | "all") => reading(who, tenant, (ctx) => listApprovals(ctx, ZApprovalFilter.parse({ view })));
    const inbox = await list(approver, "inbox");
    expect(inbox.approvals.map((a) => a.id)).toEqual([raised[0]!.id, raised[2]!.id]);
    expect(inbox.approvals.map((a) => a.expiresAt)).toEqual([...inbox.approvals.map((a) => a.expiresAt)].sort());
    expect(await reading(approver, tenant, (ctx) => approvalCounts(ctx))).toEqual({ inbox: 2, mine: 1 });
    expect((await list(other, "inbox")).approvals.map((a) => a.id).sort()).toEqual([raised[0]!.id, raised[2]!.id, byApprover.id, authored.id].sort());
    expect((await list(operator, "mine")).approvals).toHaveLength(6);
    expect((await list(operator, "inbox")).approvals).toEqual([]);
    await expect(list(operator, "all")).rejects.toMatchObject({ code: "forbidden", message: expect.stringMatching(/audit.read/) });
    expect((await list(auditor, "all")).approvals).toHaveLength(7);
    void notMine;
  });

  it("the detail: requester, eligible people and auditors see it with why they may or may not vote; others get 404", async () => {
    const tenant = await createTestTenant("detail");
    const operator = await person(tenant, ["operator"], "operator");
    const bystander = await person(tenant, ["operator"], "bystander");
    const approver = await person(tenant, ["approver"], "approver");
    const auditor = await person(tenant, ["auditor"], "auditor");
    const req = await raise(operator, tenant, ask("tool_call", { action: "tool.shell", contextKey: "repository:ledger" }));
    const me = async (who: Person) => (await reading(who, tenant, (ctx) => getApproval(ctx, req.id))).me;
    expect(await me(operator)).toMatchObject({ canVote: false, why: "you raised this request", canCancel: true });
    expect(await me(approver)).toMatchObject({ canVote: true, why: null, canCancel: false, reasonRequired: { approve: false, deny: true } });
    expect(await me(auditor)).toMatchObject({ canVote: false, why: "the rule asks for 1 approval from approver or tenant admin" });
    await expect(reading(bystander, tenant, (ctx) => getApproval(ctx, req.id))).rejects.toMatchObject({ code: "not_found" });
    await vote(approver, tenant, req.id);
    expect(await me(approver)).toMatchObject({ canVote: false, why: "this request is approved" });
    const next = await raise(operator, tenant, ask("tool_call", { action: "tool.shell", contextKey: "repository:ledger" }));
    const detail = await reading(approver, tenant, (ctx) => getApproval(ctx, next.id));
    expect(detail.similar.map((s) => [s.id, s.state])).toEqual([[req.id, "approved"]]);
  });
});
