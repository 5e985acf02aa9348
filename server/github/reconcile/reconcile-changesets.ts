// Webhooks get lost (GitHub does not retry, a receiver may be down), so every few minutes the
// changesets whose pull request is live (draft, open, edited, needs_human, blocked) are compared with
// GitHub and repaired (reconcile-changeset.ts); publications under way are the publisher's. Reads only,
// with one read_state token per repository, revoked when its changesets are done; the least recently
// reconciled go first, a bounded batch per run, each at most once per interval.
import { z } from "zod";
import { db } from "../../db/client";
import { declareJob } from "../../jobs/define-job";
import { MAINTENANCE_QUEUE } from "../../jobs/maintenance-jobs";
import { logger } from "../../log/logger";
import { appBotLogin } from "../app-bot-login";
import { LIVE_PR_STATES } from "../changesets/changeset-transitions";
import { configuredGithubApp, tokenClient } from "../github-app";
import { withStepToken } from "../token-leases";
import { readActual } from "./read-actual";
import { reconcileChangeset } from "./reconcile-changeset";

/** A publication may wait its turn in the installation's pace; past this, the reconciler looks for its PR. */
const INTERVAL_MS = 15 * 60_000;
const BATCH = 25;

export const reconcileChangesetsJob = declareJob({
  name: "github.reconcile-changesets",
  queue: MAINTENANCE_QUEUE,
  schema: z.object({}).strict(),
  every: { ms: 5 * 60_000, payload: {} },
});

export type ReconcileSummary = { checked: number; repaired: number; failed: number };

export async function reconcileChangesets(o: { intervalMs?: number; limit?: number; where?: { tenantId?: string } } = {}): Promise<ReconcileSummary> {
  const summary: ReconcileSummary = { checked: 0, repaired: 0, failed: 0 };
  if (!configuredGithubApp()) return summary;
  const now = Date.now();
  const rows = await db.changeset.findMany({
    where: {
      ...(o.where?.tenantId ? { tenantId: o.where.tenantId } : {}),
      // A publication still under way (or stuck) is the publication reconciler's (server/github/publish/reconcile-publications.ts).
      state: { in: [...LIVE_PR_STATES] },
      OR: [{ reconciledAt: null }, { reconciledAt: { lt: new Date(now - (o.intervalMs ?? INTERVAL_MS)) } }],
      repository: { githubInstallationId: { not: null }, githubInstallation: { deletedAt: null, suspendedAt: null } },
    },
    select: {
      id: true, tenantId: true, runId: true, prNumber: true, branch: true,
      repository: { select: { id: true, owner: true, name: true, githubInstallation: { select: { githubId: true, tenantId: true } } } },
    },
    orderBy: [{ reconciledAt: { sort: "asc", nulls: "first" } }, { createdAt: "asc" }],
    take: o.limit ?? BATCH,
  });
  if (!rows.length) return summary;
  const appBot = await appBotLogin();
  const byRepository = new Map<string, typeof rows>();
  for (const r of rows) byRepository.set(r.repository.id, [...(byRepository.get(r.repository.id) ?? []), r]);
  for (const group of byRepository.values()) {
    const { repository, tenantId } = group[0]!;
    const installation = repository.githubInstallation!;
    // An installation is bound to one tenant; a repository of another tenant's is never read with it.
    if (installation.tenantId !== tenantId) {
      logger.warn("changesets skipped: their repository's installation is bound to another tenant", { repositoryId: repository.id });
      continue;
    }
    try {
      await withStepToken(
        { tenantId, repositoryId: repository.id, installationGithubId: installation.githubId, owner: repository.owner, name: repository.name },
        "read_state",
        async (lease) => {
          const client = tokenClient(lease.apiUrl, lease.token);
          for (const cs of group) {
            summary.checked++;
            try {
              const done = await reconcileChangeset(cs.id, await readActual(client, repository, cs), appBot);
              if (done.length) {
                summary.repaired++;
                logger.info("changeset reconciled", { changesetId: cs.id, repaired: done });
              }
            } catch (e) {
              summary.failed++;
              logger.warn("changeset could not be reconciled; tried again next run", { changesetId: cs.id, error: (e as Error).message.split("\n")[0] });
            }
          }
        },
      );
    } catch (e) {
      summary.failed += group.length;
      logger.warn("repository's changesets could not be reconciled; tried again next run", { repositoryId: repository.id, error: (e as Error).message.split("\n")[0] });
    }
  }
  return summary;
}
