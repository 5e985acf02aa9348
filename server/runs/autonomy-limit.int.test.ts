// A task above its repository's autonomy limit is refused naming the effective maximum for that
// repository and class (the lowest of every level's governance and of the policy's rules, a risk
// tier's included) and what sets it; the retry at that maximum is admitted.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { createPolicyDocument } from "../policy/save-policy-version";
import { createTestTenant } from "../test/create-tenant";
import { addPerson, ownApprovalQueues, runAs, type TestPerson, type TestTenant } from "../test/run-as";
import { createTask } from "./create-task";
import type { CreateTaskInput } from "./task-input";

ownApprovalQueues("autonomy");

let operator: TestPerson;
let admin: TestPerson;

const RECIPE = `apiVersion: fleetgate/v1\nkind: Recipe\nmetadata: { name: autonomy }\nsteps:\n  - run: "true"\n`;
const start = (tenant: TestTenant, repositoryId: string, autonomy: CreateTaskInput["autonomy"], taskClass: CreateTaskInput["taskClass"] = "config_migration") =>
  runAs(operator.id, tenant, "autonomy", (ctx) => createTask(ctx, { repositoryId, taskClass, instruction: "autonomy test", autonomy, agent: { kind: "recipe", recipe: RECIPE } }));
const refusal = (message: RegExp) => ({ code: "validation_failed", message, details: { issues: [{ path: "body.autonomy", message: expect.any(String) }] } });

async function tenantWith(label: string, policies: string[]) {
  const tenant = await createTestTenant(label);
  operator = await addPerson(tenant, ["operator"], "operator");
  admin = await addPerson(tenant, ["policy_admin"], "policy-admin");
  for (const content of policies) {
    const { documentId } = await runAs(admin.id, tenant, "autonomy", (ctx) => createPolicyDocument(ctx, { content, tests: "", message: "autonomy test" }));
    await db.policyVersion.updateMany({ where: { documentId, number: 1 }, data: { state: "active", stateAt: new Date() } });
  }
  const repo = (name: string, riskTier: "regulated" | "standard") => db.repository.create({ data: { tenantId: tenant.id, owner: "acme", name, riskTier, verifierProfile: "node-test" } }).then((r) => r.id);
  return { tenant, regulated: await repo("billing-ledger", "regulated"), standard: await repo("web-frontend", "standard") };
}

const TENANT_SUPERVISED = `apiVersion: fleetgate/v1
kind: Policy
metadata: { name: acme-autonomy, level: tenant }
rules: []
governance:
  autonomy_max: supervised_pr
`;

// For one repository and one class only, a rule (not governance) caps autonomy at dry_run_patch.
const REPOSITORY_DOCS = `apiVersion: fleetgate/v1
kind: Policy
metadata: { name: ledger-docs, level: repository, target: billing-ledger }
rules:
  - id: docs-dry-run-only
    match: { actions: [run.create] }
    when: input.context.changeClass == 'docs_update' && !(input.context.autonomyLevel in ['analysis_only', 'dry_run_patch'])
    effect: deny
    reason: documentation changes on the ledger are dry runs
  - id: no-refactors
    match: { actions: [run.create] }
    when: input.context.changeClass == 'refactor'
    effect: deny
    reason: the ledger is not refactored by agents
`;

describe("a task above the autonomy limit", () => {
  let t: Awaited<ReturnType<typeof tenantWith>>;
  beforeAll(async () => {
    t = await tenantWith("autonomy", [TENANT_SUPERVISED, REPOSITORY_DOCS]);
  });

  it("on a regulated repository names the tier's maximum and its rule, not the tenant's; the retry at it is admitted", async () => {
    const before = await db.run.count({ where: { tenantId: t.tenant.id } });
    for (const asked of ["autonomous_pr", "supervised_pr"] as const) {
      await expect(start(t.tenant, t.regulated, asked)).rejects.toMatchObject(refusal(new RegExp(
        `^body\\.autonomy: ${asked} is above the maximum for acme/billing-ledger and config_migration \\(draft_pr, set by platform policy platform-console-access rule run-restricted-tier-autonomy: `,
      )));
    }
    expect(await db.run.count({ where: { tenantId: t.tenant.id } })).toBe(before);
    expect(await start(t.tenant, t.regulated, "draft_pr")).toMatchObject({ state: "queued" });
  });

  it("on a standard repository names the tenant's governance maximum; the retry at it is admitted", async () => {
    await expect(start(t.tenant, t.standard, "autonomous_pr")).rejects.toMatchObject(refusal(
      /^body\.autonomy: autonomous_pr is above the maximum for acme\/web-frontend and config_migration \(supervised_pr, set by tenant policy acme-autonomy \(governance\.autonomy_max\)\)$/,
    ));
    expect(await start(t.tenant, t.standard, "supervised_pr")).toMatchObject({ state: "queued" });
  });

  it("names the maximum for that class: a lower level's rule for one class sets it there only", async () => {
    await expect(start(t.tenant, t.regulated, "draft_pr", "docs_update")).rejects.toMatchObject(refusal(
      /^body\.autonomy: draft_pr is above the maximum for acme\/billing-ledger and docs_update \(dry_run_patch, set by repository policy ledger-docs rule docs-dry-run-only: documentation changes on the ledger are dry runs\)$/,
    ));
    expect(await start(t.tenant, t.regulated, "dry_run_patch", "docs_update")).toMatchObject({ state: "queued" });
    expect(await start(t.tenant, t.standard, "supervised_pr", "docs_update")).toMatchObject({ state: "queued" });
  });

  it("is not blamed on autonomy when the policy refuses the run at every level: the rule is named once", async () => {
    await expect(start(t.tenant, t.regulated, "analysis_only", "refactor")).rejects.toMatchObject({
      code: "forbidden", message: "the policy denies this run: repository policy ledger-docs rule no-refactors: the ledger is not refactored by agents",
      details: { rules: expect.arrayContaining(["ledger-docs/no-refactors"]) },
    });
    await expect(start(t.tenant, t.regulated, "supervised_pr", "refactor")).rejects.toMatchObject({ code: "forbidden", message: expect.stringMatching(/^the policy denies this run: /) });
  });
});
