// The console's screens and the permission each needs. Only screens that exist are listed; a new
// screen adds its entry here when it works.
import type { Permission } from "@/server/authz/permissions";
import type { NavItem } from "@/components/shell/nav-types";

export const SECTIONS: (NavItem & { permission: Permission })[] = [
  { href: "", label: "Overview", icon: "overview", group: "Workspace", permission: "tenant.read" },
  { href: "/runs", label: "Runs", icon: "runs", group: "Workspace", permission: "run.read" },
  { href: "/changes", label: "Pull requests", icon: "changes", group: "Workspace", permission: "changeset.read" },
  { href: "/campaigns", label: "Campaigns", icon: "campaigns", group: "Workspace", permission: "campaign.read" },
  { href: "/pr-storm", label: "PR storm", icon: "prstorm", group: "Workspace", permission: "changeset.read" },
  { href: "/cost", label: "Cost", icon: "cost", group: "Workspace", permission: "cost.read" },
  { href: "/approvals", label: "Approvals", icon: "approvals", group: "Workspace", permission: "approval.read", badge: "approvals" },
  { href: "/admin/repositories", label: "Repositories", icon: "repositories", group: "Tenant", permission: "repository.read" },
  { href: "/admin/verifier-profiles", label: "Verifier profiles", icon: "verifiers", group: "Tenant", permission: "verifier_profile.read" },
  { href: "/admin/teams", label: "Teams", icon: "teams", group: "Tenant", permission: "team.read" },
  { href: "/admin/members", label: "Members & roles", icon: "members", group: "Tenant", permission: "member.read" },
  { href: "/admin/tokens", label: "API tokens", icon: "tokens", group: "Tenant", permission: "token.read" },
  { href: "/admin/webhooks", label: "Webhooks", icon: "webhooks", group: "Tenant", permission: "webhook.read" },
  { href: "/admin/model-endpoint", label: "Model endpoint", icon: "model", group: "Tenant", permission: "model_endpoint.read" },
  { href: "/admin/github", label: "GitHub", icon: "github", group: "Tenant", permission: "github.read" },
  { href: "/admin/prices", label: "Prices", icon: "prices", group: "Tenant", permission: "cost.read" },
  { href: "/admin/budgets", label: "Budgets", icon: "budgets", group: "Tenant", permission: "cost.read" },
  { href: "/kill-switches", label: "Kill switches", icon: "killswitches", group: "Governance", permission: "killswitch.read" },
  { href: "/policies", label: "Policies", icon: "policies", group: "Governance", permission: "policy.read" },
  { href: "/audit", label: "Audit log", icon: "audit", group: "Compliance", permission: "audit.read" },
];

export function allowedSections(permissions: ReadonlySet<Permission>): NavItem[] {
  return SECTIONS.filter((s) => permissions.has(s.permission)).map(({ permission: _p, ...item }) => item);
}
