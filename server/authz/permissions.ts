// The permission registry: every permission, what it allows, and which roles hold it by default.
// Role defaults, the authorization matrix test and the roles screen are all generated from it.
import type { Role } from "./roles";

type PermissionSpec = { description: string; roles: readonly Role[]; mutates: boolean };

const ALL_TENANT = ["viewer", "operator", "approver", "campaign_owner", "policy_admin", "tenant_admin", "auditor", "platform_admin"] as const;

export const PERMISSIONS = {
  "tenant.read": { description: "See the tenant's name and settings", roles: ALL_TENANT, mutates: false },
  "tenant.manage": { description: "Create, rename and suspend tenants (platform-wide)", roles: ["platform_admin"], mutates: true },
  "member.read": { description: "List the tenant's members and their roles", roles: ["tenant_admin", "auditor", "platform_admin"], mutates: false },
  "member.manage": { description: "Invite and remove members, withdraw invitations and change roles", roles: ["tenant_admin", "platform_admin"], mutates: true },
  "member.set_password": { description: "Give a new account a local password when inviting (accounts are platform-wide)", roles: ["platform_admin"], mutates: true },
  "session.revoke": { description: "Sign a member out everywhere (end their sessions)", roles: ["tenant_admin", "platform_admin"], mutates: true },
  "team.read": { description: "List teams", roles: ALL_TENANT, mutates: false },
  "team.manage": { description: "Create, rename and delete teams", roles: ["tenant_admin", "platform_admin"], mutates: true },
  "repository.read": { description: "List repositories and their risk tiers", roles: ALL_TENANT, mutates: false },
  "repository.manage": { description: "Register repositories, set risk tier and owning team", roles: ["tenant_admin", "platform_admin"], mutates: true },
  "verifier_profile.read": { description: "See the tenant's verifier profiles: the commands each runs, their time limits, and which repositories use it", roles: ALL_TENANT, mutates: false },
  "verifier_profile.manage": { description: "Create, change and delete verifier profiles (one a repository uses cannot be deleted)", roles: ["tenant_admin", "platform_admin"], mutates: true },
  "token.read": { description: "List API tokens (never their secret)", roles: ["tenant_admin", "platform_admin"], mutates: false },
  "token.manage": { description: "Create and revoke API tokens", roles: ["tenant_admin", "platform_admin"], mutates: true },
  "audit.read": { description: "Search the audit trail", roles: ["auditor", "tenant_admin", "platform_admin"], mutates: false },
  "audit.verify": { description: "Verify the audit hash chain", roles: ["auditor", "tenant_admin", "platform_admin"], mutates: false },
  "audit.export": { description: "Download signed audit evidence", roles: ["auditor", "platform_admin"], mutates: false },
  "run.read": { description: "See agent runs, their logs and outcomes", roles: ALL_TENANT, mutates: false },
  "run.create": { description: "Start allowed tasks", roles: ["operator", "platform_admin"], mutates: true },
  "run.cancel": { description: "Stop a running agent", roles: ["operator", "tenant_admin", "platform_admin"], mutates: true },
  "changeset.read": { description: "See agents' pull requests: state, reviews, checks, risk and provenance", roles: ALL_TENANT, mutates: false },
  "approval.read": { description: "See approval requests", roles: ["operator", "approver", "campaign_owner", "policy_admin", "tenant_admin", "auditor", "platform_admin"], mutates: false },
  "approval.decide": { description: "Approve or deny a request the approval rule makes one eligible for", roles: ["approver", "policy_admin", "campaign_owner", "tenant_admin", "platform_admin"], mutates: true },
  "approval.cancel": { description: "Withdraw an approval request one raised", roles: ["operator", "approver", "campaign_owner", "policy_admin", "tenant_admin", "platform_admin"], mutates: true },
  "notification.read": { description: "See one's own notifications", roles: ALL_TENANT, mutates: false },
  "notification.update": { description: "Mark one's own notifications read", roles: ALL_TENANT, mutates: true },
  "webhook.read": { description: "See outgoing webhooks and their delivery log", roles: ["tenant_admin", "platform_admin"], mutates: false },
  "webhook.manage": { description: "Create, change and remove outgoing webhooks", roles: ["tenant_admin", "platform_admin"], mutates: true },
  "policy.read": { description: "Read policy documents and their history", roles: ALL_TENANT, mutates: false },
  "policy.edit": { description: "Edit and test draft policies", roles: ["policy_admin", "platform_admin"], mutates: true },
  "policy.publish": { description: "Propose a policy version for activation", roles: ["policy_admin", "platform_admin"], mutates: true },
  "policy.platform": { description: "Create and change platform policies, which govern every tenant", roles: ["platform_admin"], mutates: true },
  "campaign.read": { description: "See campaigns and their waves", roles: ALL_TENANT, mutates: false },
  "campaign.create": { description: "Create fleet campaigns", roles: ["campaign_owner", "platform_admin"], mutates: true },
  "campaign.manage": { description: "Launch, pause and stop campaign waves", roles: ["campaign_owner", "platform_admin"], mutates: true },
  "killswitch.read": { description: "See which kill switches are set", roles: ALL_TENANT, mutates: false },
  "killswitch.set": { description: "Set and release kill switches", roles: ["tenant_admin", "platform_admin"], mutates: true },
  "killswitch.global": { description: "Set and release global kill switches, which stop every tenant", roles: ["platform_admin"], mutates: true },
  "scheduler.pause": { description: "Pause and resume the run scheduler (queued runs wait; running ones go on)", roles: ["tenant_admin", "platform_admin"], mutates: true },
  "scheduler.global": { description: "Pause and resume the run scheduler of every tenant at once", roles: ["platform_admin"], mutates: true },
  "model_endpoint.read": { description: "See the tenant's model endpoint (never its key)", roles: ["tenant_admin", "platform_admin"], mutates: false },
  "model_endpoint.manage": { description: "Set the tenant's model endpoint and its key", roles: ["tenant_admin", "platform_admin"], mutates: true },
  "github.read": { description: "See the tenant's GitHub installations, their repositories and how each maps, and webhook health", roles: ["tenant_admin", "auditor", "platform_admin"], mutates: false },
  "github.manage": { description: "Connect GitHub installations (GitHub's install flow), sync their repositories, unbind them, and link people and teams to GitHub logins and teams", roles: ["tenant_admin", "platform_admin"], mutates: true },
  "github.bind": { description: "Bind any GitHub installation to a tenant by its id, without the install flow (platform-wide)", roles: ["platform_admin"], mutates: true },
  "cost.read": { description: "See what agents cost: the cost dashboard and its CSV, each run's and campaign's spend, prices and budgets", roles: ["campaign_owner", "tenant_admin", "auditor", "platform_admin"], mutates: false },
  "budget.manage": { description: "Create, change and archive the tenant's budgets (tenant, team, campaign and per-run; soft or hard)", roles: ["tenant_admin", "platform_admin"], mutates: true },
  "price.manage": { description: "Add the tenant's own price versions (overriding the platform's) and choose how a model without a price is costed", roles: ["tenant_admin", "platform_admin"], mutates: true },
  "price.platform": { description: "Add platform price versions, which every tenant pays unless it has its own (platform-wide)", roles: ["platform_admin"], mutates: true },
} as const satisfies Record<string, PermissionSpec>;

export type Permission = keyof typeof PERMISSIONS;

export const PERMISSION_NAMES = Object.keys(PERMISSIONS) as Permission[];

export function isPermission(value: string): value is Permission {
  return Object.hasOwn(PERMISSIONS, value);
}

const ALL_ROLES: readonly Role[] = ["viewer", "operator", "approver", "campaign_owner", "policy_admin", "tenant_admin", "auditor", "platform_admin"];

/** Role -> permissions, derived from the registry. */
export const ROLE_PERMISSIONS = {} as Record<Role, ReadonlySet<Permission>>;
for (const role of ALL_ROLES) {
  ROLE_PERMISSIONS[role] = new Set(PERMISSION_NAMES.filter((p) => (PERMISSIONS[p].roles as readonly Role[]).includes(role)));
}

export function permissionsOfRoles(roles: readonly Role[]): Set<Permission> {
  const out = new Set<Permission>();
  for (const r of roles) for (const p of ROLE_PERMISSIONS[r] ?? []) out.add(p);
  return out;
}
