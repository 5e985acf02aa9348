// Attribute rules that restrict what RBAC grants. They are data: the policy engine replaces the
// built-in set through setAccessRuleSource() without any caller of authorize() changing.
import type { Permission } from "./permissions";

export type Operator = "eq" | "neq" | "in" | "not_in" | "gt" | "gte" | "lt" | "lte" | "contains_none";
export type Condition = { attr: string; op: Operator; value: unknown };
export type AccessRule = {
  id: string;
  action: Permission;
  description: string;
  effect: "deny" | "require_approval";
  /** All conditions must hold for the rule to apply. */
  when: readonly Condition[];
  reason: string;
};

export interface AccessRuleSource {
  rulesFor(action: Permission): readonly AccessRule[];
}

const RESTRICTED_TIERS = ["regulated", "critical"];

export const BUILTIN_ACCESS_RULES: readonly AccessRule[] = [
  {
    id: "campaign-no-restricted-tiers",
    action: "campaign.create",
    description: "Campaigns never target regulated or critical repositories",
    effect: "deny",
    when: [{ attr: "resource.riskTier", op: "in", value: RESTRICTED_TIERS }],
    reason: "campaigns may not target regulated or critical repositories",
  },
  {
    id: "campaign-autonomy-limit",
    action: "campaign.create",
    description: "Campaigns run at most at supervised_pr autonomy",
    effect: "deny",
    when: [{ attr: "context.autonomyLevel", op: "not_in", value: ["analysis_only", "dry_run_patch", "draft_pr", "supervised_pr"] }],
    reason: "campaign autonomy level must be analysis_only, dry_run_patch, draft_pr or supervised_pr",
  },
  {
    id: "campaign-large-needs-approval",
    action: "campaign.create",
    description: "Campaigns above 50 targets need approval",
    effect: "require_approval",
    when: [{ attr: "context.targetCount", op: "gt", value: 50 }],
    reason: "campaigns with more than 50 targets require approval",
  },
  {
    id: "campaign-risky-change-needs-approval",
    action: "campaign.create",
    description: "Major dependency upgrades and CI workflow changes need approval",
    effect: "require_approval",
    when: [{ attr: "context.changeClass", op: "in", value: ["dependency_major_upgrade", "ci_workflow_change"] }],
    reason: "major dependency upgrades and CI workflow changes require approval",
  },
  {
    id: "run-restricted-tier-autonomy",
    action: "run.create",
    description: "Regulated and critical repositories are limited to draft PRs",
    effect: "deny",
    when: [
      { attr: "resource.riskTier", op: "in", value: RESTRICTED_TIERS },
      { attr: "context.autonomyLevel", op: "not_in", value: ["analysis_only", "dry_run_patch", "local_branch", "draft_pr"] },
    ],
    reason: "regulated and critical repositories are limited to draft PRs",
  },
  {
    id: "run-cancel-own-or-admin",
    action: "run.cancel",
    description: "Operators cancel only runs they requested; tenant and platform admins cancel any",
    effect: "deny",
    when: [
      { attr: "resource.requesterId", op: "neq", value: { attr: "subject.id" } },
      { attr: "subject.roles", op: "contains_none", value: ["tenant_admin", "platform_admin"] },
    ],
    reason: "only the requester or an admin may cancel this run",
  },
];

const byAction = (rules: readonly AccessRule[]) => {
  const map = new Map<Permission, AccessRule[]>();
  for (const r of rules) map.set(r.action, [...(map.get(r.action) ?? []), r]);
  return { rulesFor: (a: Permission) => map.get(a) ?? [] } satisfies AccessRuleSource;
};

let source: AccessRuleSource = byAction(BUILTIN_ACCESS_RULES);

export function setAccessRuleSource(next: AccessRuleSource | readonly AccessRule[]): void {
  source = Array.isArray(next) ? byAction(next as readonly AccessRule[]) : (next as AccessRuleSource);
}

export function accessRules(): AccessRuleSource {
  return source;
}
