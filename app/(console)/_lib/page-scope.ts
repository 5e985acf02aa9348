// The signed-in person's scope in the URL's tenant, resolved once per request (the layout and the
// page both ask). A screen they may not open answers 404, like a tenant that is not theirs.
import { notFound } from "next/navigation";
import { cache } from "react";
import { requirePageScope } from "@/server/auth/page-session";
import { can } from "@/server/authz/authorize";
import type { Permission } from "@/server/authz/permissions";

export const tenantScope = cache((tenant: string) => requirePageScope(tenant));

export async function pageScope(tenant: string, permission?: Permission) {
  const result = await tenantScope(tenant);
  if (permission && !can(result.scope, permission)) notFound();
  return result;
}
