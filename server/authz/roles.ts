// Roles of the platform's access model. PlatformAdmin is platform-wide (a flag on the user);
// the others are granted per tenant through a Membership.
export const TENANT_ROLES = [
  "viewer",
  "operator",
  "approver",
  "campaign_owner",
  "policy_admin",
  "tenant_admin",
  "auditor",
] as const;

export type TenantRole = (typeof TENANT_ROLES)[number];
export type Role = TenantRole | "platform_admin";

export const ROLE_INFO: Record<Role, { label: string; description: string }> = {
  viewer: { label: "Viewer", description: "Views runs and PR outcomes" },
  operator: { label: "Operator", description: "Starts approved task types and watches runs" },
  approver: { label: "Approver", description: "Approves or denies risky actions" },
  campaign_owner: { label: "Campaign owner", description: "Creates fleet campaigns and launches their waves" },
  policy_admin: { label: "Policy admin", description: "Edits, tests and publishes policies" },
  tenant_admin: { label: "Tenant admin", description: "Manages the tenant's members, teams, repositories and API tokens" },
  auditor: { label: "Auditor", description: "Reads audit logs and downloads evidence" },
  platform_admin: { label: "Platform admin", description: "Manages tenants and system configuration across the platform" },
};

export function isTenantRole(value: string): value is TenantRole {
  return (TENANT_ROLES as readonly string[]).includes(value);
}

/** Keeps only known role names: an unknown role grants nothing (fail closed). */
export function knownRoles(values: readonly string[]): TenantRole[] {
  return values.filter(isTenantRole);
}
