// Who is acting (Actor) and in which tenant with which permissions (Scope). A Scope exists only
// for a tenant the actor may see: resolveScope answers not_found otherwise, exactly as for a
// tenant that does not exist.
import type { PolicySets } from "../policy/load-policy-sets";
import type { Permission } from "./permissions";
import { permissionsOfRoles } from "./permissions";
import type { Role, TenantRole } from "./roles";
import { knownRoles } from "./roles";

export type MembershipInfo = { tenantId: string; tenantSlug: string; tenantName: string; tenantStatus: string; roles: TenantRole[] };

export type RequestMeta = { requestId: string; ip: string | null };

export type Actor =
  | {
      kind: "user";
      id: string;
      email: string;
      name: string;
      platformAdmin: boolean;
      memberships: MembershipInfo[];
      /** The signed-in session the request came with (absent when loaded otherwise, as workers and tests do). */
      sessionId?: string;
    }
  | {
      kind: "token";
      id: string;
      name: string;
      userId: string;
      tenantId: string;
      // Token roles intersected with what its creator may still do in the tenant.
      permissions: ReadonlySet<Permission>;
    };

export type UserActor = Extract<Actor, { kind: "user" }>;

export type TenantRef = { id: string; slug: string; name: string; status: string };

export type Scope = {
  actor: Actor;
  tenant: TenantRef;
  roles: Role[];
  permissions: ReadonlySet<Permission>;
  /** The tenant's effective policy (active and shadow), loaded with the scope. */
  policy: PolicySets;
};

/** Roles the actor holds in a tenant (platform admins hold platform_admin everywhere). */
export function rolesIn(actor: Actor, tenantId: string): Role[] {
  if (actor.kind === "token") return [];
  const m = actor.memberships.find((x) => x.tenantId === tenantId);
  const roles: Role[] = m ? knownRoles(m.roles) : [];
  if (actor.platformAdmin) roles.push("platform_admin");
  return roles;
}

/** Builds the scope, or returns null when the actor may not see the tenant at all. */
export function scopeFor(actor: Actor, tenant: TenantRef, policy: PolicySets): Scope | null {
  if (actor.kind === "token") {
    if (actor.tenantId !== tenant.id || tenant.status !== "active") return null;
    return { actor, tenant, roles: [], permissions: actor.permissions, policy };
  }
  const roles = rolesIn(actor, tenant.id);
  if (roles.length === 0) return null;
  // A suspended tenant stays visible to platform admins only, so they can reactivate it.
  if (tenant.status !== "active" && !actor.platformAdmin) return null;
  return { actor, tenant, roles, permissions: permissionsOfRoles(roles), policy };
}

export function actorId(actor: Actor): string {
  return actor.id;
}

export function actorLabel(actor: Actor): string {
  return actor.kind === "user" ? actor.email : `token:${actor.name}`;
}
