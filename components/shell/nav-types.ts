export type NavIcon = "overview" | "runs" | "changes" | "campaigns" | "prstorm" | "cost" | "killswitches" | "approvals" | "repositories" | "verifiers" | "teams" | "members" | "tokens" | "webhooks" | "model" | "github" | "prices" | "budgets" | "policies" | "audit";
export type NavItem = {
  href: string; label: string; icon: NavIcon; group: "Workspace" | "Tenant" | "Governance" | "Compliance";
  /** A live count beside the entry: "approvals" is the person's inbox. */
  badge?: "approvals";
};
export type SwitchableTenant = { slug: string; name: string; sections: string[] };
