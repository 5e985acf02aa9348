// A pull request as the publisher and the webhook receiver leave it, written straight to the e2e
// database (for screens that need a PR in a given state without a journey to get it there): a
// changeset for a run, with its first history entries.
import { unique } from "./api";
import { sql } from "./db";
import type { FreshRepo } from "./runs";

export type ChangesetFixture = { id: string; runId: string; prNumber: number; prUrl: string };

/** An open PR of the run (in review, checks passing, risk 7.5: high), opened an hour ago and first reviewed 12 min 34.5 s later. */
export async function insertChangesetFor(runId: string): Promise<ChangesetFixture> {
  const [run] = await sql<{ tenantId: string; taskId: string; repositoryId: string; taskClass: string }>(
    `SELECT "tenantId", "taskId", "repositoryId", "taskClass" FROM "Run" WHERE id = $1`, [runId],
  );
  if (!run) throw new Error(`no run ${runId}`);
  const u = unique();
  const id = `e2e-cs-${u}`;
  const prNumber = 1000 + Math.floor(Math.random() * 9000);
  const prUrl = `https://github.example.test/e2e/pull/${prNumber}`;
  const parts = [
    { fact: "repository tier", points: 4.5, why: "the repository is critical risk" },
    { fact: "change class", points: 1.5, why: "a config migration" },
    { fact: "verifiers", points: 1.5, why: "no verifier ran" },
  ];
  await sql(
    `INSERT INTO "Changeset" (id, "tenantId", "taskId", "repositoryId", "runId", "taskClass", mode, state, branch, "baseBranch", "prNumber", "prUrl", title,
       labels, reviewers, "reviewState", "checksState", "riskScore", "riskParts", "needsHumanReview", "openedAt", "firstReviewAt", "updatedAt")
     VALUES ($1, $2, $3, $4, $5, $6, 'supervised_pr', 'open', $7, 'main', $8, $9, $10,
       ARRAY['agent-generated', 'agent:risk-high'], ARRAY['octocat'], 'review_required', 'passing', 7.5, $11::jsonb, true,
       now() - interval '1 hour', now() - interval '1 hour' + interval '754.5 seconds', now())`,
    [id, run.tenantId, run.taskId, run.repositoryId, runId, run.taskClass, `fleetgate/${run.taskClass.replaceAll("_", "-")}/${u}`, prNumber, prUrl, `[agent] e2e change ${u}`, JSON.stringify(parts)],
  );
  await sql(
    `INSERT INTO "ChangesetEvent" (id, "tenantId", "changesetId", seq, kind, "fromState", "toState", message, at) VALUES
       ($1, $2, $3, 1, 'transition', 'unpublished', 'publishing', 'the run succeeded: publishing', now() - interval '61 minutes'),
       ($4, $2, $3, 2, 'transition', 'publishing', 'open', $5, now() - interval '1 hour')`,
    [`${id}-1`, run.tenantId, id, `${id}-2`, `PR #${prNumber} opened`],
  );
  return { id, runId, prNumber, prUrl };
}

/** A succeeded supervised_pr run on the repository, with its pull request. */
export async function publishedRun(repo: FreshRepo): Promise<ChangesetFixture> {
  const [r] = await sql<{ tenantId: string }>(`SELECT "tenantId" FROM "Repository" WHERE id = $1`, [repo.id]);
  const u = unique();
  await sql(`INSERT INTO "Task" (id, "tenantId", "repositoryId", "taskClass", "agentKind", recipe, instruction, autonomy, "requesterLabel")
    VALUES ($1, $2, $3, 'config_migration', 'recipe', 'apiVersion: fleetgate/v1', 'e2e fixture', 'supervised_pr', 'e2e-fixture@example.test')`, [`e2e-task-${u}`, r!.tenantId, repo.id]);
  await sql(`INSERT INTO "Run" (id, "tenantId", "taskId", "repositoryId", "taskClass", "requesterLabel", state, "startedAt", "finishedAt", "updatedAt")
    VALUES ($1, $2, $3, $4, 'config_migration', 'e2e-fixture@example.test', 'succeeded', now() - interval '70 minutes', now() - interval '62 minutes', now())`, [`e2e-run-${u}`, r!.tenantId, `e2e-task-${u}`, repo.id]);
  return insertChangesetFor(`e2e-run-${u}`);
}
