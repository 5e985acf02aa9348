// Who the e2e tier signs in as. Everything is derived from the role list (server/authz/roles.ts) and
// the seed's e-mail scheme (prisma/seed.ts), so a new role gets a persona, a storage state and its
// rows in the authorization matrix without anyone listing it here. Global setup checks these
// personas against the seeded database, so a seed change cannot silently skew the expectations.
import path from "node:path";
import { permissionsOfRoles, type Permission } from "../server/authz/permissions";
import { TENANT_ROLES, type Role, type TenantRole } from "../server/authz/roles";
import { DEMO_PASSWORD, MULTI_TENANT_EMAIL, PLATFORM_ADMIN_EMAIL, roleEmail } from "../prisma/seed";

export { DEMO_PASSWORD, roleEmail };

/** The seeded tenants: the one the matrix acts in, and the other one nobody there belongs to. */
export const OWN_TENANT = "acme";
export const FOREIGN_TENANT = "globex";
export const TENANTS = [OWN_TENANT, FOREIGN_TENANT] as const;
export type TenantSlug = (typeof TENANTS)[number];

export type Persona = {
  /** Short name used in test titles, e.g. "tenant_admin@acme". */
  key: string;
  email: string;
  /** Roles per tenant slug; absent = no membership. */
  roles: Partial<Record<TenantSlug, TenantRole[]>>;
  platformAdmin: boolean;
};

const roleUser = (role: TenantRole, tenant: TenantSlug): Persona => ({
  key: `${role}@${tenant}`, email: roleEmail(role, tenant), roles: { [tenant]: [role] }, platformAdmin: false,
});

/** One persona per tenant role per tenant. */
export const ROLE_USERS: Record<TenantSlug, Record<TenantRole, Persona>> = Object.fromEntries(
  TENANTS.map((t) => [t, Object.fromEntries(TENANT_ROLES.map((r) => [r, roleUser(r, t)]))]),
) as Record<TenantSlug, Record<TenantRole, Persona>>;

export const PLATFORM_ADMIN: Persona = { key: "platform_admin", email: PLATFORM_ADMIN_EMAIL, roles: {}, platformAdmin: true };

/** The one person with roles in both tenants (mirrors the seed's consultant memberships). */
export const CONSULTANT: Persona = {
  key: "consultant", email: MULTI_TENANT_EMAIL, roles: { acme: ["approver", "auditor"], globex: ["viewer"] }, platformAdmin: false,
};

export const PERSONAS: readonly Persona[] = [
  ...TENANTS.flatMap((t) => TENANT_ROLES.map((r) => ROLE_USERS[t][r])),
  PLATFORM_ADMIN,
  CONSULTANT,
];

export const tenantAdmin = (tenant: TenantSlug): Persona => ROLE_USERS[tenant].tenant_admin;

/** Roles the persona holds in a tenant, platform_admin included; empty = the tenant is not theirs. */
export function rolesIn(p: Persona, tenant: string): Role[] {
  const roles: Role[] = [...(p.roles[tenant as TenantSlug] ?? [])];
  if (p.platformAdmin) roles.push("platform_admin");
  return roles;
}

/** What the permission registry grants the persona in a tenant (null when the tenant is not theirs). */
export function permissionsIn(p: Persona, tenant: string): ReadonlySet<Permission> | null {
  const roles = rolesIn(p, tenant);
  return roles.length ? permissionsOfRoles(roles) : null;
}

export const AUTH_DIR = path.join(import.meta.dirname, ".auth");
export const storageStateOf = (p: Persona | string) => path.join(AUTH_DIR, `${typeof p === "string" ? p : p.email}.json`);
