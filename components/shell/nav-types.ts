export type NavIcon = "overview" | "repositories" | "teams" | "members" | "tokens" | "policies" | "audit";
export type NavItem = { href: string; label: string; icon: NavIcon; group: "Workspace" | "Tenant" | "Governance" | "Compliance" };
export type SwitchableTenant = { slug: string; name: string; sections: string[] };
