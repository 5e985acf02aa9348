import { describe, expect, it } from "vitest";
import { compilePolicySet } from "../policy/compile";
import { defaultPolicySets } from "../test/policy-sets";
import { authorize, can } from "./authorize";
import type { Permission } from "./permissions";
import type { TenantRole } from "./roles";
import { scopeFor, type Actor, type Scope, type TenantRef } from "./scope";

const ACME: TenantRef = { id: "t-acme", slug: "acme", name: "Acme", status: "active" };

function userScope(roles: string[], opts: { id?: string; platformAdmin?: boolean; tenant?: TenantRef } = {}): Scope {
  const tenant = opts.tenant ?? ACME;
  const actor: Actor = {
    kind: "user", id: opts.id ?? "u-1", email: "u@acme.test", name: "U", platformAdmin: opts.platformAdmin ?? false,
    memberships: [{ tenantId: tenant.id, tenantSlug: tenant.slug, tenantName: tenant.name, tenantStatus: tenant.status, roles: roles as TenantRole[] }],
  };
  const scope = scopeFor(actor, tenant, defaultPolicySets());
  if (!scope) throw new Error("no scope");
  return scope;
}

function tokenActor(permissions: Permission[], tenantId = ACME.id): Actor {
  return { kind: "token", id: "tok-1", name: "ci", userId: "u-1", tenantId, permissions: new Set(permissions) };
}

// A campaign that passes every built-in rule, so each test changes exactly one thing.
const OK_CAMPAIGN = { resource: { riskTier: "high" }, context: { autonomyLevel: "draft_pr", targetCount: 10, changeClass: "lint_fix" } };

function campaign(resource: Record<string, unknown> = {}, context: Record<string, unknown> = {}) {
  return authorize(userScope(["campaign_owner"]), "campaign.create", { ...OK_CAMPAIGN.resource, ...resource }, { ...OK_CAMPAIGN.context, ...context });
}

describe("authorize: RBAC", () => {
  it("allows an action the role grants and has no rules", () => {
    expect(authorize(userScope(["viewer"]), "run.read")).toEqual({ effect: "allow", reasons: ["granted by run.read (the subject holds roles viewer); no policy rule restricts it"], rules: [] });
  });

  it("denies and names the missing permission", () => {
    expect(authorize(userScope(["viewer"]), "campaign.create", OK_CAMPAIGN.resource, OK_CAMPAIGN.context))
      .toEqual({ effect: "deny", reasons: ["missing permission campaign.create: it is granted to campaign_owner, platform_admin, and the subject holds roles viewer"], rules: [] });
    expect(can(userScope(["viewer"]), "campaign.create")).toBe(false);
  });

  it("denies an unknown action even for a platform admin", () => {
    const decision = authorize(userScope(["tenant_admin"], { platformAdmin: true }), "campaign.nuke");
    expect(decision).toEqual({ effect: "deny", reasons: ['unknown action "campaign.nuke"'], rules: [] });
  });

  it("grants nothing for an unknown role name", () => {
    const actor: Actor = { kind: "user", id: "u", email: "e", name: "n", platformAdmin: false,
      memberships: [{ tenantId: ACME.id, tenantSlug: "acme", tenantName: "Acme", tenantStatus: "active", roles: ["superuser" as TenantRole] }] };
    expect(scopeFor(actor, ACME, defaultPolicySets())).toBeNull();
  });

  it("combines the permissions of several roles", () => {
    const scope = userScope(["viewer", "auditor"]);
    expect(authorize(scope, "audit.read").effect).toBe("allow");
    expect(authorize(scope, "member.manage").effect).toBe("deny");
  });
});

const P = "platform-console-access";

describe("authorize: the console-access policy", () => {
  it("allows a campaign that breaks no rule, through the policy's allow rule", () => {
    expect(campaign()).toMatchObject({ effect: "allow", rules: [`${P}/rbac-granted`] });
  });

  it.each(["regulated", "critical"])("denies a campaign targeting a %s repository", (tier) => {
    expect(campaign({ riskTier: tier })).toMatchObject({
      effect: "deny",
      reasons: [`deny (explicit): platform policy ${P} rule campaign-no-restricted-tiers: campaigns may not target regulated or critical repositories`],
      rules: [`${P}/rbac-granted`, `${P}/campaign-no-restricted-tiers`],
    });
  });

  it("denies a campaign above supervised_pr autonomy", () => {
    expect(campaign({}, { autonomyLevel: "supervised_pr" }).effect).toBe("allow");
    expect(campaign({}, { autonomyLevel: "auto_merge" })).toMatchObject({ effect: "deny", rules: [`${P}/rbac-granted`, `${P}/campaign-autonomy-limit`] });
  });

  it("requires approval above 50 targets, not at 50", () => {
    expect(campaign({}, { targetCount: 50 }).effect).toBe("allow");
    expect(campaign({}, { targetCount: 51 })).toMatchObject({
      effect: "require_approval",
      reasons: [`require_approval: platform policy ${P} rule campaign-large-needs-approval: campaigns with more than 50 targets require approval`],
    });
  });

  it.each(["dependency_major_upgrade", "ci_workflow_change"])("requires approval for a %s", (changeClass) => {
    expect(campaign({}, { changeClass })).toMatchObject({ effect: "require_approval", rules: [`${P}/rbac-granted`, `${P}/campaign-risky-change-needs-approval`] });
  });

  it("lets a deny win over an approval and reports every matching rule", () => {
    const decision = campaign({ riskTier: "critical" }, { targetCount: 500, changeClass: "ci_workflow_change" });
    expect(decision.effect).toBe("deny");
    expect(decision.rules).toEqual([
      `${P}/rbac-granted`, `${P}/campaign-no-restricted-tiers`, `${P}/campaign-large-needs-approval`, `${P}/campaign-risky-change-needs-approval`,
    ]);
    expect(decision.reasons).toHaveLength(1);
  });

  it("limits runs on regulated and critical repositories to draft PRs", () => {
    const run = (riskTier: string, autonomyLevel: string) => authorize(userScope(["operator"]), "run.create", { riskTier }, { autonomyLevel });
    expect(run("critical", "supervised_pr")).toMatchObject({ effect: "deny", rules: [`${P}/rbac-granted`, `${P}/run-restricted-tier-autonomy`] });
    expect(run("regulated", "draft_pr").effect).toBe("allow");
    expect(run("standard", "supervised_pr").effect).toBe("allow");
  });

  it("lets operators cancel only their own runs, and admins any run", () => {
    const cancel = (roles: string[], requesterId: string) => authorize(userScope(roles, { id: "u-1" }), "run.cancel", { requesterId });
    expect(cancel(["operator"], "u-1").effect).toBe("allow");
    expect(cancel(["operator"], "u-2").reasons[0]).toContain("only the requester or an admin may cancel this run");
    expect(cancel(["tenant_admin"], "u-2").effect).toBe("allow");
    expect(authorize(userScope([], { platformAdmin: true }), "run.cancel", { requesterId: "u-2" }).effect).toBe("allow");
  });

  it("returns the decision record to keep, with the input it decided on", () => {
    const d = campaign({}, { targetCount: 51 });
    expect(d.record).toMatchObject({
      source: "authorize", subjectId: "u-1",
      input: { action: "campaign.create", resource: { kind: "campaign", riskTier: "high" }, subject: { id: "u-1", roles: ["campaign_owner"] } },
      decision: { decision: "require_approval" },
    });
    expect(d.record?.shadow).toBeUndefined();
  });

  it("leaves plain RBAC decisions without a record", () => {
    expect(authorize(userScope(["viewer"]), "run.read").record).toBeUndefined();
  });
});

describe("authorize: fail closed", () => {
  it("denies when a rule's attribute is missing and says which rule failed", () => {
    const decision = authorize(userScope(["campaign_owner"]), "campaign.create", {}, OK_CAMPAIGN.context);
    expect(decision.effect).toBe("deny");
    expect(decision.reasons[0]).toMatch(/^deny \(fail closed\): rule platform-console-access\/campaign-no-restricted-tiers: condition failed: .*riskTier/);
  });

  it("denies when an approval rule's attribute is missing", () => {
    const { targetCount: _, ...context } = OK_CAMPAIGN.context;
    const decision = authorize(userScope(["campaign_owner"]), "campaign.create", OK_CAMPAIGN.resource, context);
    expect(decision.effect).toBe("deny");
    expect(decision.reasons[0]).toContain("campaign-large-needs-approval: condition failed");
  });

  it("denies when a number arrives as a string (\"100\" targets cannot be compared with 50)", () => {
    const decision = authorize(userScope(["campaign_owner"]), "campaign.create", OK_CAMPAIGN.resource, { ...OK_CAMPAIGN.context, targetCount: "100" });
    expect(decision.effect).toBe("deny");
    expect(decision.reasons[0]).toContain("campaign-large-needs-approval: condition failed");
  });

  it("treats an attribute set to undefined as missing", () => {
    expect(authorize(userScope(["operator"]), "run.cancel", { requesterId: undefined }).effect).toBe("deny");
  });

  it("does not read inherited properties as attributes", () => {
    const resource = Object.create({ riskTier: "low" }) as Record<string, unknown>;
    expect(authorize(userScope(["operator"]), "run.create", resource, { autonomyLevel: "supervised_pr" }).effect).toBe("deny");
  });

  it("decides with the shadow set too, without enforcing it", () => {
    const sets = defaultPolicySets();
    const strict = compilePolicySet([...sets.active.documents.map((d) => ({ document: d.document, version: d.version })), {
      document: { apiVersion: "fleetgate/v1", kind: "Policy", metadata: { name: "no-runs", level: "tenant" },
        rules: [{ id: "stop", match: { actions: ["run.create"] }, effect: "deny", reason: "frozen" }] },
    }]);
    const scope = { ...userScope(["operator"]), policy: { ...sets, shadow: strict } };
    const d = authorize(scope, "run.create", { riskTier: "low" }, { autonomyLevel: "draft_pr" });
    expect(d.effect).toBe("allow");
    expect(d.record?.shadow).toMatchObject({ decision: "deny", decidingRule: { policy: "no-runs", rule: "stop" } });
  });
});

describe("authorize: API token scope", () => {
  it("gives a token exactly its own permissions, with no roles", () => {
    const scope = scopeFor(tokenActor(["run.read", "run.create"]), ACME, defaultPolicySets())!;
    expect(scope.roles).toEqual([]);
    expect(authorize(scope, "run.read").effect).toBe("allow");
    expect(authorize(scope, "run.create", { riskTier: "low" }, { autonomyLevel: "draft_pr" }).effect).toBe("allow");
    expect(authorize(scope, "repository.read")).toMatchObject({ effect: "deny", reasons: [expect.stringMatching(/^missing permission repository\.read: .*, and the subject is an API token$/)] });
  });

  it("has no scope in another tenant or in a suspended one", () => {
    expect(scopeFor(tokenActor(["run.read"], "t-other"), ACME, defaultPolicySets())).toBeNull();
    expect(scopeFor(tokenActor(["run.read"]), { ...ACME, status: "suspended" }, defaultPolicySets())).toBeNull();
  });

  it("acts as the token's creator for attribute rules, never as an admin", () => {
    const scope = scopeFor(tokenActor(["run.cancel"]), ACME, defaultPolicySets())!;
    expect(authorize(scope, "run.cancel", { requesterId: "u-1" }).effect).toBe("allow");
    expect(authorize(scope, "run.cancel", { requesterId: "u-2" }).effect).toBe("deny");
  });
});

describe("scopeFor", () => {
  it("hides a suspended tenant from everyone but platform admins", () => {
    const suspended = { ...ACME, status: "suspended" };
    const admin: Actor = { kind: "user", id: "a", email: "a", name: "a", platformAdmin: true, memberships: [] };
    expect(scopeFor(admin, suspended, defaultPolicySets())?.roles).toEqual(["platform_admin"]);
    const member: Actor = { kind: "user", id: "m", email: "m", name: "m", platformAdmin: false,
      memberships: [{ tenantId: ACME.id, tenantSlug: "acme", tenantName: "Acme", tenantStatus: "suspended", roles: ["tenant_admin"] }] };
    expect(scopeFor(member, suspended, defaultPolicySets())).toBeNull();
  });
});
