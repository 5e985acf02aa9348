// What people do on a demo pull request after Fleetgate opened it: each step is done on the twin
// (as a person through its human side; a review request as the App) unless the twin shows it done
// already, then recorded on the changeset as the webhook would record it (the same event kinds and
// columns). A step recorded once (its event carries `demoStep`) is never done or recorded again, so
// seeding twice changes nothing, and a seed stopped between the twin and the database catches up.
import { db } from "../../../server/db/client";
import type { Changeset, Prisma } from "../../../server/db/generated/client";
import { appendChangesetEvent, transitionChangeset } from "../../../server/github/changesets/changeset-transitions";
import { tokenClient } from "../../../server/github/github-app";
import { installationClient } from "../../../server/github/installation-client";
import { mintStepToken, revokeStepToken, STEP_PERMISSIONS } from "../../../server/github/step-token";
import { requireGithubApp, withStepToken } from "../../../server/github/token-leases";
import type { DemoStep } from "./demo-pull-requests";
import type { DemoRepository } from "./seed-demo-run";
import type { TwinControl } from "./twin-control";

type Pull = { number: number; draft: boolean; merged: boolean; merged_at: string | null; head: { sha: string }; requested_reviewers: { login: string }[] };
type Review = { id: number; user: { login: string } | null; state: string; submitted_at?: string };
type Comment = { id: number; user: { login: string } | null; body?: string; created_at: string };
type Facts = { pull: Pull; reviews: Review[]; comments: Comment[]; checks: { name: string; status: string; conclusion: string | null; completed_at: string | null }[] };

/** The PR as the twin has it now, read with a read-only token revoked at once. */
async function readFacts(repo: DemoRepository, number: number): Promise<Facts> {
  const { app, config } = requireGithubApp();
  const minted = await mintStepToken(app, Number(repo.installationGithubId), repo, STEP_PERMISSIONS.read_state);
  const gh = tokenClient(config.apiUrl, minted.token);
  try {
    const r = { owner: repo.owner, repo: repo.name };
    const pull = (await gh.request("GET /repos/{owner}/{repo}/pulls/{pull_number}", { ...r, pull_number: number })).data as unknown as Pull;
    const reviews = (await gh.request("GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews", { ...r, pull_number: number, per_page: 100 })).data as unknown as Review[];
    const comments = (await gh.request("GET /repos/{owner}/{repo}/issues/{issue_number}/comments", { ...r, issue_number: number, per_page: 100 })).data as unknown as Comment[];
    const checks = (await gh.request("GET /repos/{owner}/{repo}/commits/{ref}/check-runs", { ...r, ref: pull.head.sha, per_page: 100 })).data.check_runs as unknown as Facts["checks"];
    return { pull, reviews, comments, checks };
  } finally {
    await revokeStepToken(config.apiUrl, minted.token).catch(() => undefined);
  }
}

/** The number of the twin's pull request (open or closed) from `branch`, or null. */
export async function twinPullOnBranch(repo: DemoRepository, branch: string): Promise<number | null> {
  const { app, config } = requireGithubApp();
  const minted = await mintStepToken(app, Number(repo.installationGithubId), repo, STEP_PERMISSIONS.read_state);
  try {
    const { data } = await tokenClient(config.apiUrl, minted.token).request("GET /repos/{owner}/{repo}/pulls", { owner: repo.owner, repo: repo.name, head: `${repo.owner}:${branch}`, state: "all", per_page: 5 });
    return data[0]?.number ?? null;
  } finally {
    await revokeStepToken(config.apiUrl, minted.token).catch(() => undefined);
  }
}

const same = (a: string | null | undefined, b: string) => !!a && a.toLowerCase() === b.toLowerCase();
const when = (iso: string | null | undefined) => (iso ? new Date(iso) : new Date());

/** Does the twin already show the step done? */
function doneOnTwin(step: DemoStep, f: Facts): boolean {
  switch (step.do) {
    case "ready": return !f.pull.draft;
    case "request_review": return f.pull.requested_reviewers.some((u) => same(u.login, step.reviewer)) || f.reviews.some((r) => same(r.user?.login, step.reviewer));
    case "request_changes": return f.reviews.some((r) => same(r.user?.login, step.by) && r.state === "CHANGES_REQUESTED");
    case "approve": return f.reviews.some((r) => same(r.user?.login, step.by) && r.state === "APPROVED");
    case "check": return f.checks.some((c) => c.name === step.name && c.status === "completed");
    case "flag_comment": return f.comments.some((c) => same(c.user?.login, step.by) && c.body === step.body);
    case "merge": return f.pull.merged;
  }
}

async function doOnTwin(step: DemoStep, twin: TwinControl, repo: DemoRepository, cs: Changeset): Promise<void> {
  const base = { repo: `${repo.owner}/${repo.name}`, number: cs.prNumber! };
  switch (step.do) {
    case "ready": await twin.human({ action: "ready_for_review", ...base, user: step.by }); return;
    case "request_changes": await twin.human({ action: "request_changes", ...base, user: step.by, body: step.body }); return;
    case "approve": await twin.human({ action: "approve", ...base, user: step.by, ...(step.body ? { body: step.body } : {}) }); return;
    case "check": await twin.human({ action: "set_check", ...base, user: step.by, name: step.name, conclusion: step.conclusion }); return;
    case "flag_comment": await twin.human({ action: "comment", ...base, user: step.by, body: step.body }); return;
    case "merge": await twin.human({ action: "merge", ...base, user: step.by }); return;
    case "request_review": {
      // Asked by the App, as a write of the installation through its pace, with a step token.
      const target = { tenantId: repo.tenantId, repositoryId: repo.id, runId: cs.runId, changesetId: cs.id, installationGithubId: repo.installationGithubId, owner: repo.owner, name: repo.name };
      const installation = await db.githubInstallation.findUniqueOrThrow({ where: { githubId: repo.installationGithubId }, select: { id: true } });
      await withStepToken(target, "open_pr", (lease) => installationClient(lease.apiUrl, lease.token, installation.id).request("POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers", {
        owner: repo.owner, repo: repo.name, pull_number: cs.prNumber!, reviewers: [step.reviewer],
      }));
    }
  }
}

/** Records the step on the changeset as the webhook would have, in one transaction. */
async function record(step: DemoStep, demoStep: string, cs: Changeset, f: Facts): Promise<void> {
  const mark = { demoStep };
  await db.$transaction(async (tx) => {
    const now = await tx.changeset.findUniqueOrThrow({ where: { id: cs.id } });
    const event = (e: Parameters<typeof appendChangesetEvent>[2]) => appendChangesetEvent(tx, now, { ...e, data: { ...e.data, ...mark } });
    const update = (data: Prisma.ChangesetUpdateInput) => tx.changeset.update({ where: { id: cs.id }, data });
    const move = async (t: Parameters<typeof transitionChangeset>[2]) => {
      if (!(await transitionChangeset(tx, cs.id, { ...t, actorLabel: "github", data: { ...t.data, ...mark } }))) await event({ kind: "reconcile", message: `${t.cause} (the changeset was ${now.state}: not moved)` });
    };
    const review = async (by: string, verdict: "approved" | "changes_requested") => {
      const r = f.reviews.filter((x) => same(x.user?.login, by) && x.state === verdict.toUpperCase()).at(-1);
      const at = when(r?.submitted_at);
      await event({ kind: "review", at, message: `${by} ${verdict === "approved" ? "approved" : "requested changes"}`, data: { by, verdict, counts: true, reviewId: r?.id ?? null, url: null } });
      const standing = verdict === "changes_requested" || now.reviewState === "changes_requested" ? "changes_requested" : "approved";
      await update({ reviewState: standing, lastEventAt: at, ...(now.firstReviewAt ? {} : { firstReviewAt: at }) });
    };
    switch (step.do) {
      case "ready":
        return move({ to: "open", from: ["draft"], cause: `${step.by} marked PR #${now.prNumber} ready for review` });
      case "request_review":
        await event({ kind: "review", message: `review requested from ${step.reviewer}`, data: { requested: step.reviewer } });
        await update({ reviewers: [...new Set([...now.reviewers, step.reviewer])], ...(now.reviewState === "none" ? { reviewState: "review_required" } : {}), lastEventAt: new Date() });
        return;
      case "request_changes":
        return review(step.by, "changes_requested");
      case "approve":
        return review(step.by, "approved");
      case "check": {
        const c = f.checks.find((x) => x.name === step.name);
        const conclusion = c?.conclusion ?? step.conclusion;
        await event({ kind: "check", at: when(c?.completed_at), message: `check ${step.name}: ${conclusion}`, data: { name: step.name, conclusion } });
        await update({ checksState: conclusion === "success" ? "passing" : "failing" });
        return;
      }
      case "flag_comment": {
        const c = f.comments.filter((x) => same(x.user?.login, step.by) && x.body === step.body).at(-1);
        const at = when(c?.created_at);
        await event({ kind: "comment", at, message: `${step.by} commented`, data: { by: step.by, commentId: c?.id ?? null } });
        return move({ to: "needs_human", cause: step.reason, at, set: { flagReason: step.reason }, data: { by: step.by } });
      }
      case "merge":
        return move({ to: "merged", cause: `merged by ${step.by}`, at: when(f.pull.merged_at) });
    }
  });
}

/** Brings the PR and its changeset to the end of the spec's steps; answers how many steps were applied now. */
export async function applyDemoSteps(steps: readonly DemoStep[], twin: TwinControl, repo: DemoRepository, changesetId: string): Promise<number> {
  let applied = 0;
  for (const [i, step] of steps.entries()) {
    const demoStep = `${i + 1}:${step.do}`;
    const cs = await db.changeset.findUniqueOrThrow({ where: { id: changesetId } });
    if (await db.changesetEvent.findFirst({ where: { changesetId, data: { path: ["demoStep"], equals: demoStep } }, select: { id: true } })) continue;
    if (!doneOnTwin(step, await readFacts(repo, cs.prNumber!))) await doOnTwin(step, twin, repo, cs);
    await record(step, demoStep, cs, await readFacts(repo, cs.prNumber!));
    applied++;
  }
  return applied;
}
