// Binding an installation to the tenant by its GitHub id, without the install flow: a platform
// admin's act (github.bind). The route asks github.bind whenever the id names an installation that
// is bound to no tenant (route-conditions.ts); every other request a tenant admin makes here answers
// as if the installation did not exist, unless it is already this tenant's: another tenant's
// installation is never revealed. An installation Fleetgate has not heard of is asked of GitHub.
import { AppError, notFound } from "../../core/app-error";
import type { OpContext } from "../../core/op-context";
import { actorLabel } from "../../authz/scope";
import { fetchAppInstallation } from "./github-installation-api";
import type { BindInstallationInput } from "./installation-input";
import { installationAuditShape, installationInclude, installationView, type InstallationView } from "./installation-view";
import { bindInstallationRow, upsertInstallation } from "./record-installation";
import { enqueueInstallationSync } from "./sync-job";

export async function bindInstallation(ctx: OpContext, input: BindInstallationInput): Promise<InstallationView> {
  const here = ctx.scope.tenant.id;
  const githubId = BigInt(input.installationId);
  let row = await ctx.tx.githubInstallation.findUnique({ where: { githubId } });
  // Which installations one may see here: a platform admin every one (as they see every tenant),
  // anyone else this tenant's only. This decides what exists for the caller, not what they may do.
  const seesEvery = ctx.scope.permissions.has("github.bind");
  if (row?.tenantId === here) throw new AppError("conflict", `installation ${input.installationId} (${row.accountLogin}) is already bound to this tenant`);
  if (!seesEvery) throw notFound("installation");
  if (row?.tenantId) {
    const owner = await ctx.tx.tenant.findUnique({ where: { id: row.tenantId }, select: { slug: true } });
    throw new AppError("conflict", `installation ${input.installationId} (${row.accountLogin}) is bound to tenant ${owner?.slug ?? row.tenantId}: unbind it there first`);
  }
  if (!row || row.deletedAt) {
    const info = await fetchAppInstallation(input.installationId);
    if (!info) throw notFound(`GitHub installation ${input.installationId} of this App`);
    row = await upsertInstallation(ctx.tx, info);
  }
  const outcome = await bindInstallationRow(ctx.tx, row.id, here, actorLabel(ctx.scope.actor));
  if (outcome !== "bound") throw new AppError("conflict", `installation ${input.installationId} was bound meanwhile; look again`);
  await ctx.audit({ action: "github.installation.bind", resourceType: "github_installation", resourceId: row.id, after: { ...installationAuditShape(row), via: "platform_admin" } });
  ctx.afterCommit(() => enqueueInstallationSync(row.id));
  return installationView(await ctx.tx.githubInstallation.findUniqueOrThrow({ where: { id: row.id }, include: installationInclude }));
}
