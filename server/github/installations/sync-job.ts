// The sync job's declaration: what enqueueing code imports (a binding, a webhook that adds
// repositories, "sync now" from elsewhere). The worker binds it to syncInstallation
// (sync-installation.ts) in server/wiring/job-handlers.ts. It carries the installation's row id only.
import { z } from "zod";
import { declareJob } from "../../jobs/define-job";
import { enqueue } from "../../jobs/enqueue";
import { logger } from "../../log/logger";

export const GITHUB_INSTALLATIONS_QUEUE = "github-installations";

export const syncInstallationJob = declareJob({
  name: "github.installation.sync",
  queue: GITHUB_INSTALLATIONS_QUEUE,
  schema: z.object({ installationId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) }).strict(),
  // GitHub being away for a moment is retried; a sync is idempotent, so a duplicate job is harmless.
  retry: () => ({ attempts: 4, backoffMs: 5_000 }),
});

/** Enqueues a sync; a queue that cannot be reached is logged, not thrown: "Sync now" and the next event sync again. */
export async function enqueueInstallationSync(installationId: string): Promise<void> {
  await enqueue(syncInstallationJob, { installationId }).catch((e: Error) =>
    logger.warn("could not enqueue an installation sync; sync it from Admin → GitHub", { installation: installationId, error: e.message }),
  );
}
