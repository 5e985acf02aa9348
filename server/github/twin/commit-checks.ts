// Check runs and commit statuses on any commit, as an app's API call or a person's (CI's) action
// reports them, with the webhooks GitHub sends: check_run created and completed; check_suite completed
// once every run of the commit's suite for that app has completed (its conclusion the most severe of
// theirs, as GitHub ranks them); status for every status. One suite per commit and app.
import { suiteOutcome, suiteRuns } from "./check-suite-outcome";
import { emitCheckRun, emitCheckSuite, emitStatus } from "./emit-events";
import { branchesAt } from "./render-commit";
import type { TwinContext } from "./twin-context";
import type { CheckConclusion, TwinCheckRun, TwinCheckSuite, TwinRepository, TwinStatus } from "./twin-types";

export type CheckReport = {
  sha: string; name: string; status: TwinCheckRun["status"]; conclusion: CheckConclusion | null; appId: number; by: string;
  /** An app's POST always creates a run; a person's action reports again on the run of that name. */
  reuse: boolean;
  details?: Partial<Pick<TwinCheckRun, "externalId" | "detailsUrl" | "output" | "startedAt" | "completedAt">>;
};

async function suiteFor(ctx: TwinContext, repo: TwinRepository, sha: string, appId: number, now: string): Promise<TwinCheckSuite> {
  const known = ctx.store.data.checkSuites.find((s) => s.repositoryId === repo.id && s.headSha === sha && s.appId === appId);
  if (known) return known;
  const suite: TwinCheckSuite = { id: ctx.store.nextId(), repositoryId: repo.id, headSha: sha, headBranch: (await branchesAt(ctx, repo, sha))[0] ?? null, appId, createdAt: now, updatedAt: now };
  ctx.store.data.checkSuites.push(suite);
  return suite;
}

export async function reportCheckRun(ctx: TwinContext, repo: TwinRepository, r: CheckReport): Promise<TwinCheckRun> {
  const now = new Date().toISOString();
  const suite = await suiteFor(ctx, repo, r.sha, r.appId, now);
  let check = r.reuse ? ctx.store.data.checkRuns.find((c) => c.repositoryId === repo.id && c.headSha === r.sha && c.name === r.name && (c.suiteId === suite.id || c.suiteId === undefined)) : undefined;
  const created = !check;
  if (!check) {
    check = {
      id: ctx.store.nextId(), repositoryId: repo.id, headSha: r.sha, name: r.name, status: "queued", conclusion: null, externalId: null, detailsUrl: null,
      output: { title: null, summary: null, text: null }, startedAt: now, completedAt: null, appId: r.appId, suiteId: suite.id,
    };
    ctx.store.data.checkRuns.push(check);
  }
  const completed = r.status === "completed";
  Object.assign(check, {
    status: r.status, conclusion: completed ? r.conclusion : null, completedAt: completed ? now : null, suiteId: suite.id, ...r.details,
  });
  suite.updatedAt = now;
  await ctx.store.save("checkRuns", "checkSuites");
  if (created) emitCheckRun(ctx, "created", check, repo, r.by);
  if (completed) {
    emitCheckRun(ctx, "completed", check, repo, r.by);
    const outcome = suiteOutcome(suiteRuns(ctx, suite));
    if (outcome.status === "completed") await emitCheckSuite(ctx, "completed", suite, repo, r.by);
  }
  return check;
}

export type StatusReport = { sha: string; state: TwinStatus["state"]; context: string; description: string | null; targetUrl: string | null; by: string };

export async function reportStatus(ctx: TwinContext, repo: TwinRepository, r: StatusReport): Promise<TwinStatus> {
  const now = new Date().toISOString();
  const status: TwinStatus = { id: ctx.store.nextId(), repositoryId: repo.id, sha: r.sha, state: r.state, context: r.context, description: r.description, targetUrl: r.targetUrl, creatorLogin: r.by, createdAt: now, updatedAt: now };
  ctx.store.data.statuses.push(status);
  await ctx.store.save("statuses");
  await emitStatus(ctx, status, repo);
  return status;
}

/** The latest status of each context on a commit, newest first, and their combined state as GitHub computes it. */
export function combinedStatus(ctx: TwinContext, repo: TwinRepository, sha: string): { state: "failure" | "pending" | "success"; statuses: TwinStatus[] } {
  const latest = new Map<string, TwinStatus>();
  for (const s of ctx.store.data.statuses) if (s.repositoryId === repo.id && s.sha === sha) latest.set(s.context, s);
  const statuses = [...latest.values()].sort((a, b) => b.id - a.id);
  // GitHub: failure if any is error or failure; pending if none or any is pending; success otherwise.
  const state = statuses.some((s) => s.state === "error" || s.state === "failure") ? "failure" : !statuses.length || statuses.some((s) => s.state === "pending") ? "pending" : "success";
  return { state, statuses };
}
