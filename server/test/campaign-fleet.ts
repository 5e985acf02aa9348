// A mixed fleet for the campaign tests: three teams (two with members, one empty), repositories of
// every risk tier, verifier profiles and none, and a recent failed verification on one repository.
import { db } from "../db/client";
import { createTestTenant } from "./create-tenant";
import { addPerson, type TestPerson, type TestTenant } from "./run-as";

export type Fleet = {
  tenant: TestTenant;
  owner: TestPerson; approver: TestPerson; admin: TestPerson; viewer: TestPerson;
  repo: Record<string, string>;
};

// name -> [team, tier, verifier profile]
export const FLEET: Record<string, [string | null, "low" | "standard" | "high" | "regulated" | "critical", string]> = {
  "pay-api": ["payments", "low", "node-test"],
  "pay-docs": ["payments", "low", "none"],
  "pay-core": ["payments", "standard", "node-test"],
  "pay-ledger": ["payments", "regulated", "node-test"],
  "web-app": ["web", "low", "node-test"],
  "web-flaky": ["web", "low", "node-test"],
  "web-site": ["web", "standard", "node-test"],
  "web-auth": ["web", "critical", "node-test"],
  "web-edge": ["web", "high", "node-test"],
  "ghost-tool": ["ghosts", "low", "node-test"],
  "orphan-lib": [null, "standard", "none"],
};

export async function campaignFleet(label: string): Promise<Fleet> {
  const tenant = await createTestTenant(label);
  const owner = await addPerson(tenant, ["campaign_owner"], "owner");
  const approver = await addPerson(tenant, ["approver"], "approver");
  const admin = await addPerson(tenant, ["tenant_admin"], "admin");
  const viewer = await addPerson(tenant, ["viewer"], "viewer");
  const teams: Record<string, string> = {};
  for (const slug of ["payments", "web", "ghosts"]) teams[slug] = (await db.team.create({ data: { tenantId: tenant.id, slug, name: slug } })).id;
  await db.teamMember.createMany({
    data: [[teams.payments!, owner.id], [teams.payments!, admin.id], [teams.web!, approver.id]].map(([teamId, userId]) => ({ tenantId: tenant.id, teamId: teamId!, userId: userId! })),
  });
  const repo: Record<string, string> = {};
  for (const [name, [team, riskTier, verifierProfile]] of Object.entries(FLEET)) {
    repo[name] = (await db.repository.create({ data: { tenantId: tenant.id, owner: "acme", name, riskTier, verifierProfile, teamId: team ? teams[team]! : null } })).id;
  }
  // web-flaky's last run failed its verifiers: not a canary while that is recent.
  const task = await db.task.create({ data: { tenantId: tenant.id, repositoryId: repo["web-flaky"]!, taskClass: "docs_update", agentKind: "recipe", instruction: "x", autonomy: "dry_run_patch", requesterLabel: "test" } });
  await db.run.create({ data: { tenantId: tenant.id, taskId: task.id, repositoryId: task.repositoryId, taskClass: "docs_update", requesterLabel: "test", state: "failed", failureClass: "verifier_failed", finishedAt: new Date() } });
  return { tenant, owner, approver, admin, viewer, repo };
}

export const RECIPE = "apiVersion: fleetgate/v1\nkind: Recipe\nmetadata: { name: docs-refresh }\nsteps:\n  - write: { path: CONTRIBUTING.md, content: \"Be kind.\" }\n";

/** A campaign spec over the fleet's three teams, with a recipe agent; override any part. */
export const fleetSpec = (o: Record<string, unknown> = {}) => ({
  name: `docs-${Math.random().toString(36).slice(2, 8)}`,
  description: "Refresh the contributing guide",
  change: { taskClass: "docs_update", instruction: "Refresh CONTRIBUTING.md", agent: { kind: "recipe", recipe: RECIPE } },
  targets: { teams: ["payments", "web", "ghosts"], repositories: ["acme/orphan-lib"] },
  autonomy: "draft_pr",
  waves: { canary: 2, sizes: [3, "100%"] },
  ...o,
});
