export type NavIcon = "overview" | "repositories" | "teams" | "members" | "tokens" | "audit";
export type NavItem = { href: string; label: string; icon: NavIcon; group: "Workspace" | "Tenant" | "Compliance" };
export type SwitchableTenant = { slug: string; name: string; sections: string[] };
