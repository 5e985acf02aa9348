// The console's screens as a person sees them, and the permission each needs (the product's
// statement of who may open what; the navigation spec holds the UI to it).
import type { Permission } from "../../server/authz/permissions";

export type Screen = { label: string; path: string; permission: Permission; heading?: string };

/** The main screens, in navigation order. `path` is relative to /<tenant>. */
export const SCREENS: readonly Screen[] = [
  { label: "Overview", path: "", permission: "tenant.read" },
  { label: "Runs", path: "/runs", permission: "run.read", heading: "Runs" },
  { label: "Pull requests", path: "/changes", permission: "changeset.read", heading: "Pull requests" },
  { label: "Campaigns", path: "/campaigns", permission: "campaign.read", heading: "Campaigns" },
  { label: "PR storm", path: "/pr-storm", permission: "changeset.read", heading: "PR storm" },
  { label: "Cost", path: "/cost", permission: "cost.read", heading: "Cost" },
  { label: "Approvals", path: "/approvals", permission: "approval.read", heading: "Approvals" },
  { label: "Repositories", path: "/admin/repositories", permission: "repository.read", heading: "Repositories" },
  { label: "Verifier profiles", path: "/admin/verifier-profiles", permission: "verifier_profile.read", heading: "Verifier profiles" },
  { label: "Teams", path: "/admin/teams", permission: "team.read", heading: "Teams" },
  { label: "Members & roles", path: "/admin/members", permission: "member.read", heading: "Members & roles" },
  { label: "API tokens", path: "/admin/tokens", permission: "token.read", heading: "API tokens" },
  { label: "Webhooks", path: "/admin/webhooks", permission: "webhook.read", heading: "Webhooks" },
  { label: "Model endpoint", path: "/admin/model-endpoint", permission: "model_endpoint.read", heading: "Model endpoint" },
  { label: "GitHub", path: "/admin/github", permission: "github.read", heading: "GitHub" },
  { label: "Prices", path: "/admin/prices", permission: "cost.read", heading: "Prices" },
  { label: "Budgets", path: "/admin/budgets", permission: "cost.read", heading: "Budgets" },
  { label: "Kill switches", path: "/kill-switches", permission: "killswitch.read", heading: "Kill switches" },
  { label: "Policies", path: "/policies", permission: "policy.read", heading: "Policies" },
  { label: "Audit log", path: "/audit", permission: "audit.read", heading: "Audit log" },
];

/** Screens reached from those, under the same permission. */
export const SUB_SCREENS: readonly Screen[] = [
  { label: "Roles", path: "/admin/members/roles", permission: "member.read" },
  { label: "Audit event", path: "/audit/1", permission: "audit.read" },
  { label: "New task", path: "/runs/new", permission: "run.create" },
  { label: "New campaign", path: "/campaigns/new", permission: "campaign.create", heading: "New campaign" },
  // One's own sessions, from the user menu: everyone of the tenant opens it.
  { label: "Sessions", path: "/account/sessions", permission: "tenant.read", heading: "Sessions" },
];
