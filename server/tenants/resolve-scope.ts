import { scopeFor, type Actor, type Scope } from "../authz/scope";
import { db } from "../db/client";
import { notFound } from "../core/app-error";
import { loadPolicySets } from "../policy/load-policy-sets";

/** The actor's scope in a tenant; not_found when the tenant does not exist or is not theirs. */
export async function resolveScope(actor: Actor, tenantSlug: string): Promise<Scope> {
  const tenant = await db.tenant.findUnique({ where: { slug: tenantSlug }, select: { id: true, slug: true, name: true, status: true } });
  const scope = tenant ? scopeFor(actor, tenant, await loadPolicySets(db, tenant.id)) : null;
  if (!scope) throw notFound("tenant");
  return scope;
}
