// A policy document's life against the real database: created as a draft, saved, put in shadow,
// activated through an approval request that a second admin approves (the outcome job makes the
// version active and retires the previous one), rolled back as a new draft; two admins approving
// one request at once; versions that the database itself keeps immutable; and the effective policy
// that follows every activation at once and never crosses tenants.
import { describe, expect, it } from "vitest";
import { applyOutcome } from "../wiring/approval-consumers";
import { voteOnApproval } from "../approvals/vote-on-approval";
import { db } from "../db/client";
import { AppError } from "../core/app-error";
import { type OpContext } from "../core/op-context";
import { createTestTenant } from "../test/create-tenant";
import { evaluate } from "./evaluate";
import { loadPolicySets } from "./load-policy-sets";
import { requestPolicyActivation, shadowPolicyVersion } from "./publish-policy-version";
import { rollbackPolicyVersion } from "./rollback-policy-version";
import { createPolicyDocument, savePolicyVersion } from "./save-policy-version";
import { addPerson, ownApprovalQueues, runAs } from "../test/run-as";

// Votes enqueue their outcome's job after the commit: into this file's own queues, which no worker
// consumes (the tests apply outcomes themselves) and which are removed at the end.
ownApprovalQueues("lifecycle");


// Reads outside a transaction, as resolveScope does.
const tx0 = db;

type Tenant = { id: string; slug: string };

const LEDGER_V1 = `# Payments: what agents may change in the ledger service
apiVersion: fleetgate/v1
kind: Policy
metadata:
  name: payments-guardrails
  level: tenant
  description: The payments team's rules for coding agents
rules:
  - id: ledger-writes-need-approval
    description: The ledger moves money; a payments engineer looks at every change
    match: { actions: [tool.file_write], resources: [file] }
    when: input.resource.path.matchesAnyGlob(['services/ledger/**'])
    effect: require_approval
    reason: changes to the ledger service are reviewed by a payments engineer
`;

const LEDGER_V1_TESTS = `suite: payments guardrails
now: "2026-03-01T09:00:00Z"
tests:
  - name: ledger code needs approval
    input: { action: tool.file_write, resource: { kind: file, path: services/ledger/posting.go }, subject: { id: agent-7 }, context: {} }
    expect: { decision: require_approval, rule: ledger-writes-need-approval }
  - name: other services are written freely
    input: { action: tool.file_write, resource: { kind: file, path: services/search/index.go }, subject: { id: agent-7 }, context: {} }
    expect: { decision: allow }
`;

// Version 2 also keeps agents away from the ledger's migrations altogether.
const LEDGER_V2 = `${LEDGER_V1}  - id: ledger-migrations-denied
    description: Schema changes to the ledger are written by people
    match: { actions: [tool.file_write], resources: [file] }
    when: input.resource.path.matchesAnyGlob(['services/ledger/migrations/**'])
    effect: deny
    reason: ledger migrations are never written by an agent
`;

const LEDGER_V2_TESTS = `${LEDGER_V1_TESTS}  - name: ledger migrations are denied
    input: { action: tool.file_write, resource: { kind: file, path: services/ledger/migrations/0042_fees.sql }, subject: { id: agent-7 }, context: {} }
    expect: { decision: deny, rule: ledger-migrations-denied }
`;

const write = (path: string) => ({ action: "tool.file_write", resource: { kind: "file", path }, subject: { id: "agent-7" }, context: {} });
const MIGRATION = write("services/ledger/migrations/0042_fees.sql");
const LEDGER_CODE = write("services/ledger/posting.go");

const person = addPerson;

/** Runs a domain operation as the person, the way withAuthz runs a mutation: one transaction, audit events appended last. */
const as = <T>(userId: string, tenant: Tenant, op: (ctx: OpContext) => Promise<T>) => runAs(userId, tenant, "lifecycle", op);

async function versions(documentId: string) {
  return db.policyVersion.findMany({ where: { documentId }, orderBy: { number: "asc" }, select: { id: true, number: true, state: true, content: true, tests: true, contentHash: true, message: true, authorId: true } });
}

async function auditActions(documentId: string) {
  return (await db.auditEvent.findMany({ where: { resourceId: documentId }, orderBy: [{ seq: "asc" }], select: { action: true, actorLabel: true } }));
}

/** A tenant with an author and two more policy admins. */
async function team(label: string) {
  const tenant = await createTestTenant(label);
  return { tenant, author: await person(tenant, ["policy_admin"], "author"), reviewer: await person(tenant, ["policy_admin"], "reviewer"), other: await person(tenant, ["policy_admin"], "other") };
}


const states = async (documentId: string) => (await versions(documentId)).map((v) => [v.number, v.state]);

/** A vote as the person, through the same operation the votes route runs. */
function vote(userId: string, tenant: Tenant, approvalId: string, input: { vote: "approve" | "deny"; reason?: string } = { vote: "approve" }) {
  return as(userId, tenant, (ctx) => voteOnApproval(ctx, approvalId, input));
}

/** Approves and then applies the outcome, as the worker's approvals.apply-outcome job does. */
async function approveAndApply(userId: string, tenant: Tenant, approvalId: string, reason?: string) {
  expect(await vote(userId, tenant, approvalId, { vote: "approve", reason })).toMatchObject({ id: approvalId, state: "approved" });
  const applied = await applyOutcome(approvalId);
  expect(applied.applied).toBe(true);
  return applied.result!;
}

describe("a policy document's lifecycle", () => {
  it("create -> save -> shadow -> request -> approve by another admin -> active, the previous retired; rollback is a new draft", async () => {
    const { tenant, author, reviewer } = await team("lifecycle");

    const created = await as(author.id, tenant, (ctx) => createPolicyDocument(ctx, { content: LEDGER_V1, tests: LEDGER_V1_TESTS, message: "Ledger changes need a payments engineer" }));
    const documentId = created.documentId;
    expect(created).toMatchObject({ number: 1, state: "draft", authorLabel: author.email });
    const doc = await db.policyDocument.findUniqueOrThrow({ where: { id: documentId } });
    expect(doc).toMatchObject({ tenantId: tenant.id, scopeKey: tenant.id, name: "payments-guardrails", level: "tenant", target: null });
    const v1Id = (await versions(documentId))[0]!.id;

    // v1 goes live through an approval request, another admin's approval and the outcome's job.
    const r1 = await as(author.id, tenant, (ctx) => requestPolicyActivation(ctx, documentId, 1, { note: "first version" }));
    expect(r1).toMatchObject({
      kind: "policy_activation", subjectType: "policy_version", subjectId: v1Id, title: "Activate payments-guardrails v1", risk: "medium",
      state: "pending", requesterLabel: author.email, subjectAuthorLabel: author.email, contextKey: `policy:${documentId}`, approvals: 0, appliedAt: null,
    });
    expect(await vote(reviewer.id, tenant, r1.id)).toMatchObject({ state: "approved", approvals: 1, denials: 0 });
    // Decided, but the version moves only when the outcome is applied.
    expect(await states(documentId)).toEqual([[1, "draft"]]);
    expect(await applyOutcome(r1.id)).toEqual({ applied: true, result: "payments-guardrails v1 is active" });
    expect(await states(documentId)).toEqual([[1, "active"]]);

    // v2: saved on top of v1, tried in shadow first.
    const saved = await as(author.id, tenant, (ctx) => savePolicyVersion(ctx, documentId, { content: LEDGER_V2, tests: LEDGER_V2_TESTS, message: "Agents keep out of ledger migrations", baseNumber: 1 }));
    expect(saved).toMatchObject({ number: 2, state: "draft" });
    await expect(as(author.id, tenant, (ctx) => savePolicyVersion(ctx, documentId, { content: LEDGER_V2, tests: LEDGER_V2_TESTS, message: "stale", baseNumber: 1 })))
      .rejects.toMatchObject({ code: "conflict", status: 409 });
    expect(await as(author.id, tenant, (ctx) => shadowPolicyVersion(ctx, documentId, 2))).toEqual({ documentId, number: 2, state: "shadow" });
    const inShadow = await loadPolicySets(tx0, tenant.id);
    expect(evaluate(inShadow.active, MIGRATION)).toMatchObject({ decision: "require_approval", decidingRule: { version: "v1" } });
    expect(evaluate(inShadow.shadow!, MIGRATION)).toMatchObject({ decision: "deny", decidingRule: { policy: "payments-guardrails", version: "v2", rule: "ledger-migrations-denied" } });

    const r2 = await as(author.id, tenant, (ctx) => requestPolicyActivation(ctx, documentId, 2, {}));
    expect(r2).toMatchObject({ state: "pending", created: true });
    // Asking again while it waits returns the same request: nothing is duplicated.
    expect(await as(author.id, tenant, (ctx) => requestPolicyActivation(ctx, documentId, 2, {}))).toMatchObject({ id: r2.id, state: "pending", created: false });
    expect(await db.approvalRequest.count({ where: { tenantId: tenant.id } })).toBe(2);
    expect(await approveAndApply(reviewer.id, tenant, r2.id, "tested in shadow for a week")).toBe("payments-guardrails v2 is active; v1 retired");
    expect(await db.approvalRequest.findUniqueOrThrow({ where: { id: r2.id }, include: { votes: true } })).toMatchObject({
      state: "approved", outcomeReason: `approved by ${reviewer.email}`, pendingKey: null, applyResult: "payments-guardrails v2 is active; v1 retired",
      appliedAt: expect.any(Date), votes: [{ voterId: reviewer.id, vote: "approve", reason: "tested in shadow for a week", roles: ["policy_admin"] }],
    });
    expect(await states(documentId)).toEqual([[1, "retired"], [2, "active"]]);
    const live = await loadPolicySets(tx0, tenant.id);
    expect(live.shadow).toBeNull();
    expect(evaluate(live.active, MIGRATION)).toMatchObject({ decision: "deny", decidingRule: { version: "v2" } });

    // Rollback: v1's content again, as a new draft; v2 stays active until that draft is approved.
    const rolled = await as(author.id, tenant, (ctx) => rollbackPolicyVersion(ctx, documentId, 1, {}));
    expect(rolled).toMatchObject({ number: 3, state: "draft", message: "Roll back to v1" });
    const all = await versions(documentId);
    expect(all.map((v) => [v.number, v.state])).toEqual([[1, "retired"], [2, "active"], [3, "draft"]]);
    expect({ content: all[2]!.content, tests: all[2]!.tests, contentHash: all[2]!.contentHash }).toEqual({ content: all[0]!.content, tests: all[0]!.tests, contentHash: all[0]!.contentHash });
    expect(all[2]!.authorId).toBe(author.id);

    // Every step left its audit event, in order, by who took it; the activation by the worker.
    expect(await auditActions(documentId)).toEqual([
      { action: "policy.create", actorLabel: author.email },
      { action: "policy.activation.request", actorLabel: author.email },
      { action: "policy.version.activate", actorLabel: "worker" },
      { action: "policy.version.save", actorLabel: author.email },
      { action: "policy.version.shadow", actorLabel: author.email },
      { action: "policy.activation.request", actorLabel: author.email },
      { action: "policy.activation.request", actorLabel: author.email },
      { action: "policy.version.activate", actorLabel: "worker" },
      { action: "policy.version.rollback", actorLabel: author.email },
    ]);
    expect(await auditActions(r2.id)).toEqual([
      { action: "approval.request", actorLabel: author.email },
      { action: "approval.vote", actorLabel: reviewer.email },
      { action: "approval.decide", actorLabel: reviewer.email },
      { action: "approval.apply", actorLabel: "worker" },
    ]);
  });

  it("refuses the requester and the version's author as approvers (separation of duties), recording nothing", async () => {
    const { tenant, author, reviewer, other } = await team("duties");
    const { documentId } = await as(author.id, tenant, (ctx) => createPolicyDocument(ctx, { content: LEDGER_V1, tests: LEDGER_V1_TESTS, message: "v1" }));
    const req = await as(reviewer.id, tenant, (ctx) => requestPolicyActivation(ctx, documentId, 1, {}));
    for (const [who, because] of [[reviewer.id, /^separation of duties: you raised this request/], [author.id, /^separation of duties: you wrote what this request is about/]] as const) {
      const err = await vote(who, tenant, req.id).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect(err).toMatchObject({ code: "forbidden", status: 403, message: expect.stringMatching(because) });
    }
    expect(await db.approvalRequest.findUniqueOrThrow({ where: { id: req.id } })).toMatchObject({ state: "pending", decidedAt: null });
    expect(await db.approvalVote.count({ where: { requestId: req.id } })).toBe(0);
    // A pending request has no outcome to apply.
    expect(await applyOutcome(req.id)).toEqual({ applied: false });
    expect((await versions(documentId)).map((v) => v.state)).toEqual(["draft"]);
    await approveAndApply(other.id, tenant, req.id);
    expect((await versions(documentId)).map((v) => v.state)).toEqual(["active"]);
  });

  it("a denial leaves the version as it was", async () => {
    const { tenant, author, reviewer } = await team("denied");
    const { documentId } = await as(author.id, tenant, (ctx) => createPolicyDocument(ctx, { content: LEDGER_V1, tests: LEDGER_V1_TESTS, message: "v1" }));
    const req = await as(author.id, tenant, (ctx) => requestPolicyActivation(ctx, documentId, 1, {}));
    expect(await vote(reviewer.id, tenant, req.id, { vote: "deny", reason: "not before the audit" })).toMatchObject({ state: "denied", denials: 1 });
    expect(await applyOutcome(req.id)).toEqual({ applied: true, result: "payments-guardrails v1 stays draft: activation denied" });
    expect(await states(documentId)).toEqual([[1, "draft"]]);
    expect(await db.approvalRequest.findUniqueOrThrow({ where: { id: req.id } })).toMatchObject({ outcomeReason: `denied by ${reviewer.email}: not before the audit` });
    // Denied is final; a new request may be raised for the same version.
    expect(await as(author.id, tenant, (ctx) => requestPolicyActivation(ctx, documentId, 1, {}))).toMatchObject({ state: "pending", created: true });
  });

  it("two admins approving one request at once: exactly one wins, the other gets 409; decided, applied and audited once", async () => {
    for (let round = 0; round < 5; round++) {
      const { tenant, author, reviewer, other } = await team("race");
      const { documentId } = await as(author.id, tenant, (ctx) => createPolicyDocument(ctx, { content: LEDGER_V1, tests: LEDGER_V1_TESTS, message: "v1" }));
      const req = await as(author.id, tenant, (ctx) => requestPolicyActivation(ctx, documentId, 1, {}));
      const results = await Promise.allSettled([reviewer, other].map((p) => vote(p.id, tenant, req.id)));
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const refused = (results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason as AppError;
      expect(refused).toBeInstanceOf(AppError);
      expect(refused).toMatchObject({ code: "conflict", status: 409 });
      const winner = results.findIndex((r) => r.status === "fulfilled") === 0 ? reviewer : other;
      expect(refused.message).toBe(`this request is already approved (approved by ${winner.email}); nothing was recorded`);
      expect(await db.approvalRequest.findUniqueOrThrow({ where: { id: req.id }, include: { votes: { select: { voterId: true } } } }))
        .toMatchObject({ state: "approved", votes: [{ voterId: winner.id }] });
      // The job may run twice (a retry, the reconciler): the outcome is applied once.
      const applied = await Promise.all([applyOutcome(req.id), applyOutcome(req.id)]);
      expect(applied.map((a) => a.applied).sort()).toEqual([false, true]);
      expect((await versions(documentId)).map((v) => v.state)).toEqual(["active"]);
      expect((await auditActions(req.id)).filter((e) => e.action !== "approval.request")).toEqual([
        { action: "approval.vote", actorLabel: winner.email }, { action: "approval.decide", actorLabel: winner.email }, { action: "approval.apply", actorLabel: "worker" },
      ]);
      expect((await auditActions(documentId)).filter((e) => e.action === "policy.version.activate")).toHaveLength(1);
    }
  });
});

describe("policy versions are immutable in the database", () => {
  async function activeVersion() {
    const { tenant, author, reviewer } = await team("immutable");
    const { documentId } = await as(author.id, tenant, (ctx) => createPolicyDocument(ctx, { content: LEDGER_V1, tests: LEDGER_V1_TESTS, message: "v1" }));
    const req = await as(author.id, tenant, (ctx) => requestPolicyActivation(ctx, documentId, 1, {}));
    await approveAndApply(reviewer.id, tenant, req.id);
    return (await versions(documentId))[0]!;
  }

  it("refuses, as the application's role, any change to what a version says", async () => {
    const v = await activeVersion();
    const attempts = [
      db.$executeRaw`UPDATE "PolicyVersion" SET content = ${LEDGER_V2} WHERE id = ${v.id}`,
      db.$executeRaw`UPDATE "PolicyVersion" SET tests = '' WHERE id = ${v.id}`,
      db.$executeRaw`UPDATE "PolicyVersion" SET message = 'nothing to see', "authorLabel" = 'someone else' WHERE id = ${v.id}`,
      db.policyVersion.update({ where: { id: v.id }, data: { contentHash: "0".repeat(64) } }),
    ];
    for (const attempt of attempts) await expect(attempt).rejects.toThrow(/is immutable: only its state may change/);
    expect(await db.policyVersion.findUniqueOrThrow({ where: { id: v.id } })).toMatchObject({ content: v.content, tests: v.tests, message: v.message, contentHash: v.contentHash });
  });

  it("lets the state move forward only", async () => {
    const v = await activeVersion();
    for (const back of ["draft", "shadow"] as const) {
      await expect(db.policyVersion.update({ where: { id: v.id }, data: { state: back } })).rejects.toThrow(new RegExp(`cannot go from active back to ${back}`));
    }
    expect((await db.policyVersion.findUniqueOrThrow({ where: { id: v.id } })).state).toBe("active");
    await db.policyVersion.update({ where: { id: v.id }, data: { state: "retired" } });
    await expect(db.policyVersion.update({ where: { id: v.id }, data: { state: "active" } })).rejects.toThrow(/cannot go from retired back to active/);
  });
});

describe("policy history, approvals and decision records are evidence", () => {
  it("refuses the application's role deleting them, rewriting a document, reopening a decided request or re-applying its outcome", async () => {
    const { tenant, author, reviewer } = await team("evidence");
    const { documentId } = await as(author.id, tenant, (ctx) => createPolicyDocument(ctx, { content: LEDGER_V1, tests: LEDGER_V1_TESTS, message: "v1" }));
    const req = await as(author.id, tenant, (ctx) => requestPolicyActivation(ctx, documentId, 1, {}));
    await approveAndApply(reviewer.id, tenant, req.id);
    await db.decisionRecord.create({
      data: { tenantId: tenant.id, action: "tool.shell", resourceKind: "command", input: {}, decision: "allow", matchedRules: [], versions: {}, effectivePolicyHash: "h", source: "tool" },
    });
    await expect(db.$executeRaw`DELETE FROM "PolicyVersion" WHERE "documentId" = ${documentId}`).rejects.toThrow(/permission denied/);
    await expect(db.$executeRaw`DELETE FROM "DecisionRecord" WHERE "tenantId" = ${tenant.id}`).rejects.toThrow(/permission denied/);
    await expect(db.$executeRaw`DELETE FROM "ApprovalRequest" WHERE id = ${req.id}`).rejects.toThrow(/permission denied/);
    await expect(db.$executeRaw`DELETE FROM "ApprovalVote" WHERE "requestId" = ${req.id}`).rejects.toThrow(/permission denied/);
    await expect(db.$executeRaw`UPDATE "ApprovalVote" SET vote = 'deny' WHERE "requestId" = ${req.id}`).rejects.toThrow(/permission denied/);
    await expect(db.$executeRaw`UPDATE "PolicyDocument" SET "scopeKey" = 'platform', "tenantId" = NULL WHERE id = ${documentId}`).rejects.toThrow(/is fixed at creation/);
    await expect(db.$executeRaw`UPDATE "ApprovalRequest" SET state = 'pending' WHERE id = ${req.id}`).rejects.toThrow(/is approved and cannot change/);
    await expect(db.$executeRaw`UPDATE "ApprovalRequest" SET "appliedAt" = NULL WHERE id = ${req.id}`).rejects.toThrow(/outcome was already applied/);
    await expect(db.$executeRaw`UPDATE "ApprovalRequest" SET "requesterId" = ${reviewer.id} WHERE id = ${req.id}`).rejects.toThrow(/what was requested cannot change/);
    await expect(db.$executeRaw`UPDATE "PolicyVersion" SET "stateAt" = now() - interval '1 day' WHERE "documentId" = ${documentId}`).rejects.toThrow(/is immutable/);
    expect(await db.approvalRequest.findUniqueOrThrow({ where: { id: req.id }, include: { votes: true } })).toMatchObject({ state: "approved", appliedAt: expect.any(Date), votes: [{ vote: "approve" }] });
    expect(await db.policyVersion.count({ where: { documentId } })).toBe(1);
  });
});

describe("the effective policy (loadPolicySets)", () => {
  it("follows an activation at once, also when a version moves from shadow to active", async () => {
    const { tenant, author, reviewer } = await team("cache");
    const { documentId } = await as(author.id, tenant, (ctx) => createPolicyDocument(ctx, { content: LEDGER_V1, tests: LEDGER_V1_TESTS, message: "v1" }));
    const drafted = await loadPolicySets(tx0, tenant.id);
    expect(drafted.shadow).toBeNull();
    expect(evaluate(drafted.active, LEDGER_CODE).decision).toBe("allow");

    await as(author.id, tenant, (ctx) => shadowPolicyVersion(ctx, documentId, 1));
    const shadowed = await loadPolicySets(tx0, tenant.id);
    expect(shadowed.key).not.toBe(drafted.key);
    expect(evaluate(shadowed.active, LEDGER_CODE).decision).toBe("allow");
    expect(evaluate(shadowed.shadow!, LEDGER_CODE).decision).toBe("require_approval");

    // The same version row, now active: only its state differs, and the key must see it.
    const req = await as(author.id, tenant, (ctx) => requestPolicyActivation(ctx, documentId, 1, {}));
    await approveAndApply(reviewer.id, tenant, req.id);
    const activated = await loadPolicySets(tx0, tenant.id);
    expect(activated.key).not.toBe(shadowed.key);
    expect(activated.shadow).toBeNull();
    expect(evaluate(activated.active, LEDGER_CODE)).toMatchObject({ decision: "require_approval", decidingRule: { policy: "payments-guardrails", version: "v1" } });
    // Unchanged versions give the very same compiled sets (the cache).
    expect(await loadPolicySets(tx0, tenant.id)).toBe(activated);
  });

  it("never includes another tenant's documents", async () => {
    const a = await team("isolation-a");
    const b = await team("isolation-b");
    // Tenant B activates the ledger rules and shadows v2; tenant A has nothing of its own.
    const { documentId } = await as(b.author.id, b.tenant, (ctx) => createPolicyDocument(ctx, { content: LEDGER_V1, tests: LEDGER_V1_TESTS, message: "v1" }));
    const req = await as(b.author.id, b.tenant, (ctx) => requestPolicyActivation(ctx, documentId, 1, {}));
    await approveAndApply(b.reviewer.id, b.tenant, req.id);
    await as(b.author.id, b.tenant, (ctx) => savePolicyVersion(ctx, documentId, { content: LEDGER_V2, tests: LEDGER_V2_TESTS, message: "v2" }));
    await as(b.author.id, b.tenant, (ctx) => shadowPolicyVersion(ctx, documentId, 2));
    // The same name in tenant A is A's own business.
    await as(a.author.id, a.tenant, (ctx) => createPolicyDocument(ctx, { content: LEDGER_V1, tests: LEDGER_V1_TESTS, message: "A's draft" }));
    // Tenant B's request is not A's to see or decide: it answers like a missing one.
    await expect(vote(a.reviewer.id, a.tenant, req.id)).rejects.toMatchObject({ code: "not_found", status: 404 });

    const setsA = await loadPolicySets(tx0, a.tenant.id);
    const setsB = await loadPolicySets(tx0, b.tenant.id);
    const names = (set: typeof setsA.active) => set.documents.map((d) => d.document.metadata.name);
    expect(names(setsB.active)).toContain("payments-guardrails");
    expect(names(setsA.active)).not.toContain("payments-guardrails");
    expect(setsA.shadow === null || !names(setsA.shadow).includes("payments-guardrails")).toBe(true);
    expect(setsA.active.documents.every((d) => d.document.metadata.level === "platform")).toBe(true);

    expect(evaluate(setsB.active, LEDGER_CODE).decision).toBe("require_approval");
    expect(evaluate(setsB.shadow!, MIGRATION).decision).toBe("deny");
    for (const input of [LEDGER_CODE, MIGRATION]) {
      const d = evaluate(setsA.active, input);
      expect(d.decision).toBe("allow");
      expect(d.matchedRules.every((m) => m.policy !== "payments-guardrails")).toBe(true);
    }
  });
});
