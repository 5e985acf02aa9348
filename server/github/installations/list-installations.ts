import type { OpContext } from "../../core/op-context";
import { findTenantInstallation } from "./find-installation";
import { installationInclude, installationView, mappedRepositoryView, type InstallationDetailView, type InstallationView } from "./installation-view";

/** The tenant's installations, uninstalled ones last. */
export async function listInstallations(ctx: OpContext): Promise<{ installations: InstallationView[] }> {
  const rows = await ctx.tx.githubInstallation.findMany({
    where: { tenantId: ctx.scope.tenant.id },
    include: installationInclude,
    orderBy: [{ deletedAt: { sort: "desc", nulls: "first" } }, { accountLogin: "asc" }],
    take: 500,
  });
  return { installations: rows.map(installationView) };
}

/** One of the tenant's installations with the Fleetgate repositories mapped to it (tier and team are Fleetgate's). */
export async function getInstallation(ctx: OpContext, installationId: string): Promise<InstallationDetailView> {
  const row = await findTenantInstallation(ctx, installationId);
  const repositories = await ctx.tx.repository.findMany({
    where: { tenantId: ctx.scope.tenant.id, githubInstallationId: row.id },
    select: { id: true, owner: true, name: true, githubRepoId: true, remoteUrl: true, riskTier: true, team: { select: { id: true, slug: true, name: true } } },
    orderBy: [{ owner: "asc" }, { name: "asc" }],
    take: 5000,
  });
  return { ...installationView(row), repositories: repositories.map(mappedRepositoryView) };
}
