import { describe, expect, it } from "vitest";
import { authorize } from "../authz/authorize";
import { PERMISSION_NAMES, permissionsOfRoles } from "../authz/permissions";
import { knownRoles, TENANT_ROLES, type TenantRole } from "../authz/roles";
import { scopeFor, type Actor, type TenantRef } from "../authz/scope";
import { defaultPolicySets } from "../test/policy-sets";
import { compilePolicySet } from "./compile";
import { decideAsRecorded, decideInput } from "./decide-input";
import { parsePolicyDocument } from "./parse-document";

const ACME: TenantRef = { id: "t-acme", slug: "acme", name: "Acme", status: "active" };
const platform = defaultPolicySets().active;

// Subjects as try-an-input names them; the real scope is built from the same roles as resolveScope builds it.
const SUBJECTS: { kind: "user" | "token"; roles: string[] }[] = [
  ...[...TENANT_ROLES, "platform_admin"].map((r) => ({ kind: "user" as const, roles: [r] })),
  { kind: "user", roles: ["operator", "campaign_owner"] },
  { kind: "user", roles: ["viewer", "auditor", "platform_admin"] },
  { kind: "user", roles: [] },
  { kind: "user", roles: ["superuser"] },
  { kind: "user", roles: ["superuser", "tenant_admin"] },
  { kind: "token", roles: ["operator"] },
  { kind: "token", roles: ["tenant_admin"] },
  { kind: "token", roles: ["campaign_owner", "approver"] },
  { kind: "token", roles: ["platform_admin"] },
];

// Attribute sets that pass, break, and leave out what the console rules read.
const VARIANTS = [
  { resource: { riskTier: "standard", requesterId: "u-1", level: "repository" }, context: { autonomyLevel: "draft_pr", targetCount: 3, changeClass: "lint_fix", operation: "release" } },
  { resource: { riskTier: "critical", requesterId: "u-other", level: "tenant" }, context: { autonomyLevel: "supervised_pr", targetCount: 80, changeClass: "dependency_major_upgrade", operation: "release" } },
  { resource: { riskTier: "low", requesterId: "u-other", level: "global" }, context: { autonomyLevel: "draft_pr", targetCount: 51, changeClass: "refactor", operation: "set" } },
  { resource: {}, context: {} },
];

function realScope(s: (typeof SUBJECTS)[number]) {
  // As authenticate.ts builds a token whose creator holds every role: its own known roles grant.
  const actor: Actor = s.kind === "token"
    ? { kind: "token", id: "tok", name: "ci", userId: "u-1", tenantId: ACME.id, permissions: permissionsOfRoles(knownRoles(s.roles)) }
    : {
      kind: "user", id: "u-1", email: "u@acme.test", name: "U", platformAdmin: s.roles.includes("platform_admin"),
      memberships: [{ tenantId: ACME.id, tenantSlug: "acme", tenantName: "Acme", tenantStatus: "active", roles: s.roles.filter((r) => r !== "platform_admin") as TenantRole[] }],
    };
  return scopeFor(actor, ACME, defaultPolicySets());
}

describe("try-an-input decides every console action as authorize() does", () => {
  it.each(SUBJECTS.map((s) => [`${s.kind} ${s.roles.join("+") || "(no role)"}`, s] as const))("%s", (_, subject) => {
    const scope = realScope(subject);
    let compared = 0;
    for (const action of PERMISSION_NAMES) {
      for (const v of VARIANTS) {
        const input = { action, resource: { kind: action.slice(0, action.indexOf(".")), ...v.resource }, subject: { id: "u-1", kind: subject.kind, roles: subject.roles }, context: v.context };
        const tried = decideInput(platform, input);
        // Without a scope the person is no member of the tenant: every action is refused.
        if (!scope) {
          expect(tried, `${action}`).toMatchObject({ decision: "deny", layer: "rbac" });
          continue;
        }
        const real = authorize(scope, action, v.resource, v.context);
        expect(tried.decision, `${action} ${JSON.stringify(v)}`).toBe(real.effect);
        if (subject.kind === "user" && !subject.roles.includes("superuser")) expect(tried.explanation).toBe(real.reasons[0]);
        expect(tried.matchedRules.map((m) => `${m.policy}/${m.rule}`)).toEqual(real.rules);
        compared++;
      }
    }
    if (scope) expect(compared).toBe(PERMISSION_NAMES.length * VARIANTS.length);
  });
});

describe("try-an-input names the layer that decided", () => {
  it("an operator's campaign is refused by RBAC, not allowed by the policy's rbac-granted rule", () => {
    const d = decideInput(platform, { action: "campaign.create", resource: { kind: "campaign", riskTier: "standard" }, subject: { id: "u", roles: ["operator"] }, context: { autonomyLevel: "draft_pr", targetCount: 3, changeClass: "lint_fix" } });
    expect(d).toMatchObject({ decision: "deny", layer: "rbac", matchedRules: [] });
    expect(d.explanation).toBe("missing permission campaign.create: it is granted to campaign_owner, platform_admin, and the subject holds roles operator");
  });

  it("a tool call has no RBAC layer: the policy decides it", () => {
    expect(decideInput(platform, { action: "tool.shell", resource: { kind: "command" }, subject: { id: "agent" }, context: { command: "ls" } })).toMatchObject({ decision: "allow", layer: "policy" });
  });

  it("malformed input fails closed", () => {
    expect(decideInput(platform, { action: "run.create" })).toMatchObject({ decision: "deny", denyKind: "error", layer: "policy" });
  });
});

const REPOSITORY_FORBIDS_WORKFLOWS = parsePolicyDocument(`apiVersion: fleetgate/v1
kind: Policy
metadata: { name: payments-lockdown, level: repository, target: payment-service }
rules: []
governance:
  forbidden_paths: [".github/workflows/**"]
  autonomy_max: draft_pr
`);

describe("try-an-input checks the boundary the run checks", () => {
  if (!REPOSITORY_FORBIDS_WORKFLOWS.ok) throw new Error("fixture does not parse");
  const set = compilePolicySet([...platform.documents.map((d) => ({ document: d.document, version: d.version })), { document: REPOSITORY_FORBIDS_WORKFLOWS.value }]);
  const operator = { id: "u-op", roles: ["operator"] };
  const runCreate = (repository: string, changeClass: string, extra: Record<string, unknown> = {}) =>
    decideInput(set, { action: "run.create", resource: { kind: "run", repository, riskTier: "standard" }, subject: operator, context: { autonomyLevel: "draft_pr", changeClass, repository, ...extra } });

  it("a CI workflow change asks approval where workflows are only forbidden to other classes", () => {
    expect(runCreate("web-frontend", "ci_workflow_change", { changed_files: [".github/workflows/ci.yml"] })).toMatchObject({
      decision: "require_approval", layer: "policy", boundary: { violations: [] },
    });
  });

  it("a repository that forbids workflows outright refuses the class before any approval", () => {
    const d = runCreate("payment-service", "ci_workflow_change");
    expect(d).toMatchObject({ decision: "deny", layer: "boundary" });
    expect(d.explanation).toBe("deny (boundary): ci_workflow_change exists to change .github/workflows/**, which stays forbidden here: .github/workflows/**, from platform-change-governance, payments-lockdown");
  });

  it("autonomy above the place's maximum is refused, as task admission refuses it", () => {
    expect(runCreate("payment-service", "refactor", { autonomyLevel: "supervised_pr" })).toMatchObject({
      decision: "deny", layer: "boundary", explanation: "deny (boundary): autonomy supervised_pr is above the maximum here (draft_pr, from platform-change-governance, payments-lockdown)",
    });
    expect(runCreate("web-frontend", "refactor", { autonomyLevel: "supervised_pr" })).toMatchObject({ decision: "allow" });
  });

  it("another class changing a workflow file is refused", () => {
    expect(runCreate("web-frontend", "lint_fix", { changed_files: [".github/workflows/ci.yml"] })).toMatchObject({ decision: "deny", layer: "boundary" });
    expect(runCreate("web-frontend", "lint_fix", { changed_files: ["src/a.js"] })).toMatchObject({ decision: "allow", layer: "policy" });
  });

  it("a file write follows the run's class and whether its start was approved", () => {
    const write = (repository: string, context: Record<string, unknown>) =>
      decideInput(set, { action: "tool.file_write", resource: { kind: "file", path: ".github/workflows/ci.yml" }, subject: { id: "run:1" }, context: { repository, ...context } });
    expect(write("web-frontend", { changeClass: "ci_workflow_change", startApproved: true })).toMatchObject({ decision: "allow" });
    expect(write("web-frontend", { changeClass: "ci_workflow_change" })).toMatchObject({ decision: "deny", layer: "boundary" });
    expect(write("payment-service", { changeClass: "ci_workflow_change", startApproved: true })).toMatchObject({ decision: "deny", layer: "boundary" });
    expect(write("web-frontend", { changeClass: "lint_fix", startApproved: true })).toMatchObject({ decision: "deny", layer: "boundary" });
  });
});

describe("a recorded decision decided again", () => {
  it("a console action recorded by authorize() (for a token: no roles) goes through the rules alone", () => {
    const recorded = { action: "run.cancel", resource: { kind: "run", requesterId: "u-1" }, subject: { id: "u-1", kind: "token", roles: [] }, context: {} };
    expect(decideAsRecorded(platform, recorded, recorded.action)).toMatchObject({ decision: "allow", decidingRule: { rule: "rbac-granted" } });
  });

  it("a tool call is decided as the gateway decided it, boundary included", () => {
    const recorded = { action: "tool.file_write", resource: { kind: "file", path: ".github/workflows/ci.yml" }, subject: { id: "run:1" }, context: { changeClass: "refactor", startApproved: false } };
    expect(decideAsRecorded(platform, recorded, recorded.action)).toMatchObject({ decision: "deny", layer: "boundary" });
  });
});
