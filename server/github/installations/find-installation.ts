// The tenant's installation by its row id: another tenant's, or an unbound one, is not found, exactly
// like a missing one.
import { notFound } from "../../core/app-error";
import type { OpContext } from "../../core/op-context";
import { installationInclude } from "./installation-view";

export async function findTenantInstallation(ctx: OpContext, installationId: string) {
  const row = await ctx.tx.githubInstallation.findFirst({ where: { id: installationId, tenantId: ctx.scope.tenant.id }, include: installationInclude });
  if (!row) throw notFound("installation");
  return row;
}
