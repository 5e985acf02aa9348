import type { UserActor } from "../authz/scope";
import { knownRoles } from "../authz/roles";
import { db } from "../db/client";

/** A person as an Actor, memberships read fresh: a role change or removal counts at once. Disabled accounts: null. */
export async function loadUserActor(userId: string): Promise<UserActor | null> {
  const user = await db.user.findUnique({
    where: { id: userId },
    include: { memberships: { include: { tenant: true }, orderBy: { tenant: { slug: "asc" } } } },
  });
  if (!user || user.disabled) return null;
  return {
    kind: "user",
    id: user.id,
    email: user.email,
    name: user.name,
    platformAdmin: user.platformAdmin,
    memberships: user.memberships.map((m) => ({
      tenantId: m.tenantId,
      tenantSlug: m.tenant.slug,
      tenantName: m.tenant.name,
      tenantStatus: m.tenant.status,
      roles: knownRoles(m.roles),
    })),
  };
}
