// Decision records through the real request wrapper: withAuthz with a test-only route contract and
// an API token, so authentication, the tenant's effective policy, ctx.decide, the transaction and
// the denial path are the ones every /api/v1 route uses. A record keeps the redacted input (with
// what was removed counted), what the shadow versions would have decided, and survives a refusal.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { generateToken } from "../auth/api-token";
import { loadUserActor } from "../auth/load-user-actor";
import { scopeFor } from "../authz/scope";
import { db, disconnectDb } from "../db/client";
import { AppError } from "../core/app-error";
import { defineRoute, ZTenantParam } from "../http/define-route";
import { withAuthz } from "../http/with-authz";
import { runOperation, type OpContext } from "../core/op-context";
import { createTestTenant } from "../test/create-tenant";
import { loadPolicySets } from "./load-policy-sets";
import { shadowPolicyVersion } from "./publish-policy-version";
import { createPolicyDocument } from "./save-policy-version";

afterAll(() => disconnectDb());

// Starting a run on a repository: the operation writes a row (so a refusal can be seen to roll it
// back), asks the policy, and is refused when the policy does not allow it.
const ZStartRun = z.object({
  repository: z.string(),
  riskTier: z.enum(["standard", "regulated", "critical"]),
  autonomyLevel: z.string(),
  command: z.string(),
  ticket: z.string(),
  failAfterDeciding: z.boolean().default(false),
}).strict();

const startRunRoute = defineRoute({
  id: "test.run.start", method: "POST", path: "/api/v1/tenants/{tenant}/test-runs", tag: "test", summary: "test only",
  permission: "run.create", params: z.object({ tenant: ZTenantParam }), body: ZStartRun, response: z.unknown(), status: 201,
});

const startRun = withAuthz(startRunRoute, async ({ ctx, body }) => {
  const team = await ctx.tx.team.create({ data: { tenantId: ctx.scope.tenant.id, slug: `run-${body.ticket.toLowerCase()}`, name: body.repository } });
  // RBAC alone decides this one (no rule names repository.read): nothing to record.
  expect((await ctx.decide("repository.read", { name: body.repository })).record).toBeUndefined();
  const d = await ctx.decide("run.create", { riskTier: body.riskTier, repository: body.repository }, { autonomyLevel: body.autonomyLevel, command: body.command, ticket: body.ticket });
  if (d.effect !== "allow") throw new AppError("forbidden", d.reasons[0]!);
  if (body.failAfterDeciding) throw new AppError("conflict", "the repository is being archived");
  await ctx.audit({ action: "test.run.start", resourceType: "team", resourceId: team.id });
  return { effect: d.effect };
});

// A GitHub token pasted into a command line: it must never be stored.
const GITHUB_TOKEN = `ghp_${"A1b2C3d4E5".repeat(3)}f6G7h8`;
const CLONE = `git clone https://x-access-token:${GITHUB_TOKEN}@github.com/acme/ledger.git`;

let tenant: { id: string; slug: string };
let operator: { id: string; token: string };
let policyAdmin: string;

beforeAll(async () => {
  tenant = await createTestTenant("decisions");
  const user = await db.user.create({ data: { email: `operator-${randomBytes(4).toString("hex")}@example.test`, name: "Operator" } });
  await db.membership.create({ data: { tenantId: tenant.id, userId: user.id, roles: ["operator"] } });
  const t = generateToken();
  await db.apiToken.create({ data: { tenantId: tenant.id, name: "ci", prefix: t.prefix, tokenHash: t.hash, roles: ["operator"], createdById: user.id } });
  operator = { id: user.id, token: t.token };
  const admin = await db.user.create({ data: { email: `policy-admin-${randomBytes(4).toString("hex")}@example.test`, name: "Policy admin" } });
  await db.membership.create({ data: { tenantId: tenant.id, userId: admin.id, roles: ["policy_admin"] } });
  policyAdmin = admin.id;
});

async function send(body: Partial<z.input<typeof ZStartRun>>) {
  const ticket = `OPS-${randomBytes(4).toString("hex")}`;
  const requestId = `decide-${ticket}`;
  const full = { repository: "acme/ledger", riskTier: "standard", autonomyLevel: "draft_pr", command: CLONE, ticket, ...body };
  const res = await startRun(
    new Request(`http://127.0.0.1/api/v1/tenants/${tenant.slug}/test-runs`, {
      method: "POST",
      headers: { authorization: `Bearer ${operator.token}`, "content-type": "application/json", "x-request-id": requestId },
      body: JSON.stringify(full),
    }),
    { params: Promise.resolve({ tenant: tenant.slug }) },
  );
  const records = await db.decisionRecord.findMany({ where: { tenantId: tenant.id, input: { path: ["context", "ticket"], equals: ticket } } });
  const audit = await db.auditEvent.findMany({ where: { requestId }, select: { action: true, decision: true, payload: true, tenantId: true } });
  const team = await db.team.findFirst({ where: { tenantId: tenant.id, slug: `run-${ticket.toLowerCase()}` } });
  return { res, body: (await res.json()) as Record<string, unknown>, records, audit, team, ticket };
}

describe("ctx.decide in a withAuthz operation", () => {
  it("writes the decision record with the operation, the input redacted and the redactions counted", async () => {
    expect(GITHUB_TOKEN).toMatch(/^ghp_[A-Za-z0-9]{36}$/);
    const { res, records, audit, team, ticket } = await send({});
    expect(res.status).toBe(201);
    expect(team).not.toBeNull();
    expect(audit.map((a) => [a.action, a.decision])).toEqual([["test.run.start", "success"]]);
    expect(records).toHaveLength(1);
    const r = records[0]!;
    expect(r).toMatchObject({
      action: "run.create", resourceKind: "run", decision: "allow", decidingRule: "platform-console-access/rbac-granted",
      source: "authorize", subjectId: operator.id, shadowDecision: null, shadowRule: null, redactions: { github_token: 1 },
    });
    expect(r.input).toEqual({
      action: "run.create",
      resource: { kind: "run", riskTier: "standard", repository: "acme/ledger" },
      // A token acts for the person who created it.
      subject: { id: operator.id, kind: "token", roles: [] },
      context: { autonomyLevel: "draft_pr", command: "git clone https://x-access-token:[REDACTED:github_token]@github.com/acme/ledger.git", ticket },
    });
    // Nowhere in the stored row.
    const [stored] = await db.$queryRaw<{ row: string }[]>`SELECT row_to_json(d)::text AS row FROM "DecisionRecord" d WHERE id = ${r.id}`;
    expect(stored!.row).toContain("[REDACTED:github_token]");
    expect(stored!.row).not.toContain(GITHUB_TOKEN.slice(4));
    expect(Object.keys(r.versions as object)).toEqual(["platform-console-access"]);
    expect(r.effectivePolicyHash).toMatch(/^[0-9a-f]{16,}$/);
  });

  it("keeps a refused operation's record with its denial, and rolls back the operation's writes", async () => {
    const { res, body, records, audit, team } = await send({ riskTier: "critical", autonomyLevel: "supervised_pr" });
    expect(res.status).toBe(403);
    expect((body.error as { message: string }).message).toMatch(/regulated and critical repositories are limited to draft PRs/);
    expect(team).toBeNull();
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      action: "run.create", decision: "deny", decidingRule: "platform-console-access/run-restricted-tier-autonomy", redactions: { github_token: 1 },
    });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "test.run.start", decision: "deny", tenantId: tenant.id });
    expect((audit[0]!.payload as { reason: string }).reason).toMatch(/limited to draft PRs/);
  });

  it("writes nothing when the operation fails for another reason after deciding (the record is part of its transaction)", async () => {
    const { res, records, audit, team } = await send({ failAfterDeciding: true });
    expect(res.status).toBe(409);
    expect({ records, audit, team }).toEqual({ records: [], audit: [], team: null });
  });

  it("records what the shadow versions would have decided", async () => {
    // The tenant's policy admin puts a stricter rule for regulated repositories in shadow.
    await asPolicyAdmin(async (ctx) => {
      const doc = await createPolicyDocument(ctx, { content: REGULATED_RUNS, tests: REGULATED_RUNS_TESTS, message: "Try: runs on regulated repositories wait for an approver" });
      await shadowPolicyVersion(ctx, doc.documentId, 1);
    });
    const regulated = await send({ riskTier: "regulated", autonomyLevel: "draft_pr" });
    expect(regulated.res.status).toBe(201);
    expect(regulated.records).toHaveLength(1);
    expect(regulated.records[0]).toMatchObject({
      decision: "allow", decidingRule: "platform-console-access/rbac-granted",
      shadowDecision: "require_approval", shadowRule: "regulated-runs/regulated-runs-need-approval",
    });
    // Where shadow and active agree, the shadow decision is still recorded.
    const standard = await send({});
    expect(standard.records[0]).toMatchObject({ decision: "allow", shadowDecision: "allow", shadowRule: "platform-console-access/rbac-granted" });
  });
});

const REGULATED_RUNS = `apiVersion: fleetgate/v1
kind: Policy
metadata:
  name: regulated-runs
  level: tenant
  description: Runs on regulated repositories wait for a person
rules:
  - id: regulated-runs-need-approval
    match: { actions: [run.create] }
    when: input.resource.riskTier == 'regulated'
    effect: require_approval
    reason: runs on regulated repositories wait for an approver
`;

const REGULATED_RUNS_TESTS = `suite: regulated runs
tests:
  - name: a draft PR run on a regulated repository waits for an approver
    input: { action: run.create, resource: { kind: run, riskTier: regulated }, subject: { id: u1, roles: [operator] }, context: { autonomyLevel: draft_pr } }
    expect: { decision: require_approval, rule: regulated-runs-need-approval }
  - name: a standard repository is not affected
    input: { action: run.create, resource: { kind: run, riskTier: standard }, subject: { id: u1, roles: [operator] }, context: { autonomyLevel: supervised_pr } }
    expect: { decision: allow }
`;

async function asPolicyAdmin(op: (ctx: OpContext) => Promise<void>): Promise<void> {
  const actor = (await loadUserActor(policyAdmin))!;
  const scope = scopeFor(actor, { ...tenant, name: tenant.slug, status: "active" }, await loadPolicySets(db, tenant.id))!;
  const meta = { requestId: `setup-${randomBytes(4).toString("hex")}`, ip: null };
  await runOperation(scope, meta, "setup", op);
}
