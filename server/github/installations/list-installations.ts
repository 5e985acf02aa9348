import type { OpContext } from "../../core/op-context";
import { findTenantInstallation } from "./find-installation";
import { paceLimits } from "../pace";
import { CONTENT_REQUESTS_PER_PULL_REQUEST, pullRequestsPerHour } from "../publication-capacity";
import { installationInclude, installationView, mappedRepositoryView, type InstallationDetailView, type InstallationPaceView, type InstallationView } from "./installation-view";

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
  return { ...installationView(row), repositories: repositories.map(mappedRepositoryView), pace: await paceOf(ctx, row.id) };
}

/** The pace the installation's writes keep, what it allows in PRs an hour, and what the last minute and hour used. */
async function paceOf(ctx: OpContext, installationId: string): Promise<InstallationPaceView> {
  const limits = paceLimits();
  const now = Date.now();
  const lastMinute = await ctx.tx.githubWrite.count({ where: { installationId, at: { gt: new Date(now - 60_000) } } });
  const lastHour = await ctx.tx.githubWrite.count({ where: { installationId, at: { gt: new Date(now - 3_600_000) } } });
  return { ...limits, requestsPerPullRequest: CONTENT_REQUESTS_PER_PULL_REQUEST, pullRequestsPerHour: pullRequestsPerHour(limits), lastMinute, lastHour };
}
