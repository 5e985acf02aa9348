// For server components: the signed-in person and their scope in the tenant named by the URL.
// Missing or ended session -> sign-in page; a tenant they may not see or a screen they may not open
// -> 404, exactly as for something that does not exist.
import { cookies, headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { can } from "../authz/authorize";
import type { Permission } from "../authz/permissions";
import type { Scope, UserActor } from "../authz/scope";
import { db } from "../db/client";
import { resolveScope } from "../tenants/resolve-scope";
import { AppError } from "../core/app-error";
import { REQUEST_PATH_HEADER } from "../web/client-address";
import { sessionUser } from "./session-user";

export type { UserActor };

/** The person signed in with a live session, or null. */
export async function currentUser(): Promise<UserActor | null> {
  return sessionUser(await cookies());
}

export async function requireUser(): Promise<UserActor> {
  const actor = await currentUser();
  if (!actor) {
    // Back to the page they asked for after signing in (the sign-in page keeps only local paths).
    const path = (await headers()).get(REQUEST_PATH_HEADER);
    redirect(path && path !== "/" ? `/signin?callbackUrl=${encodeURIComponent(path)}` : "/signin");
  }
  return actor;
}

export async function requirePageScope(tenantSlug: string, permission?: Permission): Promise<{ actor: UserActor; scope: Scope }> {
  const actor = await requireUser();
  let scope: Scope;
  try {
    scope = await resolveScope(actor, tenantSlug);
  } catch (e) {
    if (e instanceof AppError && e.code === "not_found") notFound();
    throw e;
  }
  if (permission && !can(scope, permission)) notFound();
  return { actor, scope };
}

/** Tenants the person can switch to (platform admins see every tenant). */
export async function switchableTenants(actor: UserActor): Promise<{ slug: string; name: string }[]> {
  if (!actor.platformAdmin) return actor.memberships.filter((m) => m.tenantStatus === "active").map((m) => ({ slug: m.tenantSlug, name: m.tenantName }));
  return db.tenant.findMany({ select: { slug: true, name: true }, orderBy: { slug: "asc" } });
}
