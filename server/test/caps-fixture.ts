// For the PR-storm caps tests: the webhook fixture (twin -> route -> delivery worker) with publishing
// and release workers too (two sets, as two worker processes would run them), two teams of
// repositories on the twin, campaigns written as rows (their spec's caps, schedule and waves), and
// succeeded runs ready to publish (task, run and patch rows as a finished run leaves them).
import { createHash, randomBytes } from "node:crypto";
import { db } from "../db/client";
import { startWorkers, type RunningWorkers } from "../jobs/start-workers";
import { startWebhookFixture, type WebhookFixture } from "./github-webhook-fixture";
import { JOB_HANDLERS, QUEUE_SETTINGS } from "../wiring/job-handlers";
import { publishRunJob } from "../github/publish/publish-job";
import { branchSha, repositoryDir } from "../github/twin/bare-repository";
import { ensureRepository } from "../github/twin/seed-twin";
import { releaseHeldJob } from "../github/caps/release-held-job";

export type CapsFixture = {
  w: WebhookFixture;
  tenantId: string;
  /** name -> repository id; pay-1..3 belong to team payments, web-1..3 to team web. */
  repo: Record<string, string>;
  campaign(spec: Record<string, unknown>, waves?: Record<string, number>): Promise<string>;
  ready(repo: string, o?: { autonomy?: "draft_pr" | "autonomous_pr"; campaignId?: string }): Promise<{ runId: string; taskId: string }>;
  /** Ends every live or waiting changeset of earlier cases (as if closed), and the tenant's buckets. */
  reset(): Promise<void>;
  close(): Promise<void>;
};

export const REPOS: Record<string, "payments" | "web"> = { "pay-1": "payments", "pay-2": "payments", "pay-3": "payments", "web-1": "web", "web-2": "web", "web-3": "web" };

export async function startCapsFixture(label: string): Promise<CapsFixture> {
  const w = await startWebhookFixture(label, { jobs: [publishRunJob, releaseHeldJob] });
  const second: RunningWorkers = await startWorkers(JOB_HANDLERS.filter((h) => h.job === publishRunJob || h.job === releaseHeldJob), { schedule: false, queues: QUEUE_SETTINGS });
  const tenantId = w.tenant.id;
  const teams: Record<string, string> = {};
  for (const slug of ["payments", "web"]) teams[slug] = (await db.team.create({ data: { tenantId, slug, name: slug } })).id;
  const repo: Record<string, string> = {};
  for (const [name, team] of Object.entries(REPOS)) {
    const twinRepo = await ensureRepository(w.f.twin.ctx, { owner: "acme", name, files: { "README.md": `# ${name}\n`, "docs/index.md": "# Docs\n" } });
    repo[name] = (await db.repository.create({
      data: { tenantId, owner: "acme", name, remoteUrl: `${w.f.twin.url}/acme/${name}.git`, verifierProfile: "none", githubInstallationId: w.installationRowId, githubRepoId: BigInt(twinRepo.id), teamId: teams[team]! },
    })).id;
  }
  let n = 0;
  return {
    w, tenantId, repo,
    async campaign(spec, waves = {}) {
      const name = `caps-${++n}-${randomBytes(2).toString("hex")}`;
      const c = await db.campaign.create({ data: { tenantId, name, specYaml: "", spec: { name, ...spec } as object, state: "running", ownerLabel: "test" } });
      await db.campaignTarget.createMany({ data: Object.entries(waves).map(([r, waveIndex]) => ({ tenantId, campaignId: c.id, repositoryId: repo[r]!, eligible: true, waveIndex })) });
      return c.id;
    },
    async ready(name, o = {}) {
      const label = `${name}-${++n}-${randomBytes(3).toString("hex")}`;
      const file = `docs/${label}.md`;
      const patch = `diff --git a/${file} b/${file}\nnew file mode 100644\n--- /dev/null\n+++ b/${file}\n@@ -0,0 +1 @@\n+${label}\n`;
      const requester = w.requester;
      const campaignId = o.campaignId ?? null;
      const task = await db.task.create({ data: { tenantId, repositoryId: repo[name]!, taskClass: "docs_update", agentKind: "recipe", recipe: "", instruction: `Document ${label}`, autonomy: o.autonomy ?? "draft_pr", requesterId: requester.id, requesterLabel: requester.email, campaignId } });
      const now = new Date();
      const run = await db.run.create({
        data: {
          tenantId, taskId: task.id, repositoryId: repo[name]!, taskClass: "docs_update", requesterLabel: requester.email, state: "succeeded", campaignId,
          baseSha: await branchSha(repositoryDir(w.f.dataDir, "acme", name), "main"), effectivePolicyHash: "test", startedAt: now, finishedAt: now,
          verifierReport: { profile: "none", results: [] }, diffStats: { files: 1, added: 1, removed: 0 },
        },
      });
      await db.runArtifact.create({ data: { tenantId, runId: run.id, kind: "patch", content: patch, size: Buffer.byteLength(patch), sha256: createHash("sha256").update(patch).digest("hex") } });
      return { runId: run.id, taskId: task.id };
    },
    async reset() {
      await w.settle();
      await db.changeset.updateMany({ where: { tenantId, state: { notIn: ["merged", "closed"] } }, data: { state: "closed", holdKind: null, flagReason: null, heldAt: null } });
      await db.publishBucket.deleteMany({ where: { tenantId } });
    },
    async close() {
      await second.close();
      await w.close();
    },
  };
}
