// Syncing an installation's repositories: GitHub's list is read first (as the installation, with a
// read-only token revoked at once), then applied in one transaction (apply-repository-list.ts). The
// job (sync-job.ts) and "Sync now" (the route) both end here.
import { appendAuditEvents, type AuditInput } from "../../audit/append-event";
import { AppError } from "../../core/app-error";
import type { AuditRecord, OpContext } from "../../core/op-context";
import { db } from "../../db/client";
import { logger } from "../../log/logger";
import { configuredGithubApp } from "../github-app";
import { applyRepositoryList, type SyncCounts } from "./apply-repository-list";
import { findTenantInstallation } from "./find-installation";
import { listInstallationRepositories } from "./github-installation-api";
import { installationInclude, installationView, type SyncResult } from "./installation-view";

type Row = { id: string; tenantId: string | null; githubId: bigint; suspendedAt: Date | null; deletedAt: Date | null };

/** Why an installation cannot be synced now, or null. */
function cannotSync(i: Row): string | null {
  if (!i.tenantId) return "it is bound to no tenant";
  if (i.deletedAt) return "the App was uninstalled on GitHub";
  if (i.suspendedAt) return "it is suspended on GitHub";
  return null;
}

/**
 * The job's sync, as the system. Skips (and says why) an installation that is gone, unbound,
 * uninstalled or suspended; GitHub being unreachable throws, for the job to try again.
 */
export async function syncInstallation(installationId: string): Promise<(SyncCounts & { skipped?: undefined }) | { skipped: string }> {
  const before = await db.githubInstallation.findUnique({ where: { id: installationId } });
  // Without an App nothing can be asked of GitHub; a retry would not change that.
  const why = !configuredGithubApp() ? "no GitHub App is configured" : before ? cannotSync(before) : "it does not exist";
  if (!before || why) {
    logger.info("installation sync skipped", { installation: installationId, reason: why });
    return { skipped: why! };
  }
  const listed = await listInstallationRepositories(Number(before.githubId));
  return db.$transaction(async (tx) => {
    // Bound to the same tenant still (an unbinding may have come in meanwhile): taken under the row's lock.
    const [now] = await tx.$queryRaw<Row[]>`SELECT id, "tenantId", "githubId", "suspendedAt", "deletedAt" FROM "GithubInstallation" WHERE id = ${installationId} FOR UPDATE`;
    if (!now || now.tenantId !== before.tenantId || cannotSync(now)) return { skipped: "it changed while its repositories were read" };
    const events: AuditRecord[] = [];
    const counts = await applyRepositoryList(tx, { id: now.id, tenantId: now.tenantId!, githubId: now.githubId }, listed, async (e) => void events.push(e));
    const system: Omit<AuditInput, "action" | "resourceType"> = { tenantId: now.tenantId, actorType: "system", actorLabel: "github installation sync" };
    await appendAuditEvents(tx, events.map((e) => ({ ...system, ...e })));
    return counts;
  }, { timeout: 60_000, maxWait: 10_000 });
}

/** "Sync now": the tenant's installation, synced within the request, with what changed. */
export async function syncInstallationNow(ctx: OpContext, installationId: string): Promise<SyncResult> {
  const row = await findTenantInstallation(ctx, installationId);
  const why = cannotSync(row);
  if (why) throw new AppError("conflict", `installation ${row.githubId} (${row.accountLogin}) cannot be synced: ${why}`);
  const listed = await listInstallationRepositories(Number(row.githubId));
  const counts = await applyRepositoryList(ctx.tx, { id: row.id, tenantId: ctx.scope.tenant.id, githubId: row.githubId }, listed, ctx.audit);
  const after = await ctx.tx.githubInstallation.findUniqueOrThrow({ where: { id: row.id }, include: installationInclude });
  return { installation: installationView(after), ...counts };
}
