// Unbinding the tenant's installation: it belongs to no tenant again (a platform admin may bind it,
// or the install flow), and every repository mapped to it loses the mapping; the repositories stay.
// Unbinding does not uninstall the App on GitHub.
import type { OpContext } from "../../core/op-context";
import { findTenantInstallation } from "./find-installation";
import { installationAuditShape, installationView, type InstallationView } from "./installation-view";

export async function unbindInstallation(ctx: OpContext, installationId: string): Promise<InstallationView & { unmappedRepositories: number }> {
  const row = await findTenantInstallation(ctx, installationId);
  const unmapped = await ctx.tx.repository.updateMany({ where: { tenantId: ctx.scope.tenant.id, githubInstallationId: row.id }, data: { githubInstallationId: null } });
  const after = await ctx.tx.githubInstallation.update({
    where: { id: row.id }, data: { tenantId: null, boundByLabel: null, boundAt: null, syncedAt: null }, include: { _count: { select: { repositories: true } } },
  });
  await ctx.audit({
    action: "github.installation.unbind", resourceType: "github_installation", resourceId: row.id,
    before: { ...installationAuditShape(row), boundBy: row.boundByLabel, boundAt: row.boundAt?.toISOString() ?? null }, after: { unmappedRepositories: unmapped.count },
  });
  return { ...installationView(after), unmappedRepositories: unmapped.count };
}
