// A demo campaign's changes on one twin repository, in order (the finished campaign's first, so the
// running one starts from the main it merged): the recipe applied to the twin's main, the commit
// Fleetgate's publisher would build from that patch (same tree, parent, author, date and message),
// pushed to the task's branch, the PR opened with the publisher's own PR step (openPullRequest), then
// what the team did (checks, review requests, reviews, comments, merge or close). The App's requests
// go through a client without the installation's pace: the twin has no limits to respect, and the
// seed must stay quick. A held change stops after its patch: its PR is never opened.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { tokenClient } from "../../../server/github/github-app";
import { appIdentity } from "../../../server/github/publish/app-identity";
import { openPullRequest } from "../../../server/github/publish/open-pull-request";
import { remoteGit } from "../../../server/github/publish/remote-git";
import { revokeStepToken } from "../../../server/github/step-token";
import { requireGithubApp } from "../../../server/github/token-leases";
import type { RecipeStep } from "../../../server/runs/recipe-schema";
import { hostGit } from "../../../server/sandbox/host-git";
import type { WorkspaceDiff } from "../../../server/sandbox/types";
import { workspaceDiff } from "../../../server/sandbox/workspace-diff";
import type { TwinControl } from "../github/twin-control";
import { applyRecipeSteps, type DemoRepository } from "../github/seed-demo-run";
import type { Outcome } from "./demo-campaigns";

export type Publication = { commitMessage: string; commitAt: Date; title: string; labels: string[]; draft: boolean; body: (headSha: string) => string };

export type ChangeJob = {
  branch: string;
  outcome: Exclude<Outcome, "pending">;
  steps: readonly RecipeStep[];
  reviewers: [string, string];
  closedBecause?: { by: string; body: string };
  /** The publication's text and commit, once the patch is known (it needs the run's facts). */
  publication(baseSha: string, diff: WorkspaceDiff): Publication;
};

/** What was done on the twin, in order, with when and what the twin answered. */
export type TwinStep =
  | { do: "check"; by: string; name: string; at: Date }
  | { do: "ready"; by: string; at: Date }
  | { do: "request_review"; reviewer: string; at: Date }
  | { do: "approve"; by: string; reviewId: number; at: Date }
  | { do: "comment"; by: string; commentId: number; at: Date }
  | { do: "merge"; by: string; sha: string; at: Date }
  | { do: "close"; by: string; at: Date };

export type ChangeDone = {
  baseSha: string;
  diff: WorkspaceDiff;
  did: string[];
  headSha: string | null;
  pr: { number: number; url: string; openedAt: Date } | null;
  steps: TwinStep[];
};

/** What the campaigns' changes need of the installation: push, open PRs, label them and read them. */
export const CHANGE_PERMISSIONS = { contents: "write", pull_requests: "write", issues: "write", metadata: "read" } as const;

/** The PR numbers of the twin repository's pull requests on any of these branches. */
export async function pullsOnBranches(repo: DemoRepository, branches: readonly string[], token: string): Promise<number[]> {
  const { config } = requireGithubApp();
  // A fleet repository has a handful of PRs: one page holds them all.
  const { data } = await tokenClient(config.apiUrl, token).request("GET /repos/{owner}/{repo}/pulls", { owner: repo.owner, repo: repo.name, state: "all", per_page: 100 });
  return data.filter((p) => branches.includes(p.head.ref)).map((p) => p.number);
}

/** A token of the installation for the seed's changes on all its repositories, revoked by the caller. */
export async function mintChangeToken(installationGithubId: bigint): Promise<string> {
  const { app } = requireGithubApp();
  const { data } = await app.octokit.request("POST /app/installations/{installation_id}/access_tokens", { installation_id: Number(installationGithubId), permissions: CHANGE_PERMISSIONS });
  return data.token;
}

export const revokeChangeToken = (token: string) => revokeStepToken(requireGithubApp().config.apiUrl, token).catch(() => undefined);

/**
 * `token` is the installation's (CHANGE_PERMISSIONS), held by the caller for every repository of the
 * seed; `local` is the demo project's local bare remote, whose objects spare a fetch while the twin's
 * main is still the project's fixed commit.
 */
export async function applyRepositoryChanges(repo: DemoRepository, twin: TwinControl, jobs: readonly ChangeJob[], o: { token: string; local: string | null }): Promise<ChangeDone[]> {
  const { config } = requireGithubApp();
  const author = await appIdentity();
  const dir = await mkdtemp(path.join(tmpdir(), "fleetgate-demo-campaign-"));
  const git = (args: string[], env: Record<string, string> = {}) => hostGit(args, { cwd: dir, env });
  const remote = (args: string[]) => remoteGit(args, { cwd: dir, remote: repo.remoteUrl, token: o.token });
  const gh = tokenClient(config.apiUrl, o.token);
  const full = `${repo.owner}/${repo.name}`;
  const human = (action: Record<string, unknown>) => twin.human({ repo: full, ...action } as Parameters<TwinControl["human"]>[0]);
  const fetchMain = async () => {
    await remote(["fetch", "--quiet", "--no-tags", "--", repo.remoteUrl, "+refs/heads/main:refs/remotes/twin/main"]);
    return (await git(["rev-parse", "--verify", "refs/remotes/twin/main^{commit}"])).stdout.trim();
  };
  try {
    await git(["init", "--quiet", "--template=", "."]);
    let base: string | null = null;
    if (o.local) {
      await writeFile(path.join(dir, ".git", "objects", "info", "alternates"), `${path.join(o.local, "objects")}\n`);
      const { data } = await gh.request("GET /repos/{owner}/{repo}/git/ref/{ref}", { owner: repo.owner, repo: repo.name, ref: "heads/main" });
      if (await git(["cat-file", "-e", `${data.object.sha}^{commit}`]).then(() => true, () => false)) base = data.object.sha;
    }
    const done: ChangeDone[] = [];
    for (const job of jobs) {
      base ??= await fetchMain();
      await git(["checkout", "--quiet", "--force", "--detach", base]);
      await git(["clean", "--quiet", "-fdx"]);
      const did = await applyRecipeSteps(dir, job.steps);
      const diff = await workspaceDiff(dir, base);
      if (!diff.files.length) throw new Error(`the demo campaign's recipe changes nothing in ${full} (branch ${job.branch})`);
      const result: ChangeDone = { baseSha: base, diff, did, headSha: null, pr: null, steps: [] };
      done.push(result);
      if (job.outcome === "held") continue;

      const pub = job.publication(base, diff);
      await git(["add", "--all"]);
      const tree = (await git(["write-tree"])).stdout.trim();
      const date = `${Math.floor(pub.commitAt.getTime() / 1000)} +0000`;
      const identity = { GIT_AUTHOR_NAME: author.name, GIT_AUTHOR_EMAIL: author.email, GIT_AUTHOR_DATE: date, GIT_COMMITTER_NAME: author.name, GIT_COMMITTER_EMAIL: author.email, GIT_COMMITTER_DATE: date };
      result.headSha = (await git(["commit-tree", tree, "-p", base, "-m", pub.commitMessage], identity)).stdout.trim();
      await remote(["push", "--quiet", "--porcelain", "--", repo.remoteUrl, `${result.headSha}:refs/heads/${job.branch}`]);
      const opened = await openPullRequest(gh, { owner: repo.owner, name: repo.name, branch: job.branch, base: "main", title: pub.title, body: pub.body(result.headSha), draft: pub.draft, labels: pub.labels, teamReviewers: [] });
      result.pr = { number: opened.number, url: opened.url, openedAt: opened.openedAt };
      const n = { number: opened.number };
      const step = (s: TwinStep) => void result.steps.push(s);
      const [reviewer, second] = job.reviewers;

      await human({ action: "set_check", ...n, user: "acme-ci", name: "test", conclusion: "success" });
      step({ do: "check", by: "acme-ci", name: "test", at: new Date() });
      if (job.outcome === "draft") continue;
      await human({ action: "ready_for_review", ...n, user: reviewer });
      step({ do: "ready", by: reviewer, at: new Date() });
      if (job.outcome === "closed") {
        const why = job.closedBecause ?? { by: reviewer, body: "Not for this repository." };
        const { comment } = await human({ action: "comment", ...n, user: why.by, body: why.body });
        step({ do: "comment", by: why.by, commentId: Number(comment), at: new Date() });
        await human({ action: "close", ...n, user: why.by });
        step({ do: "close", by: why.by, at: new Date() });
        continue;
      }
      if (job.outcome !== "merged") {
        // Asked by the App, as the publisher asks a team's reviewers.
        await gh.request("POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers", { owner: repo.owner, repo: repo.name, pull_number: opened.number, reviewers: [reviewer] });
        step({ do: "request_review", reviewer, at: new Date() });
        if (job.outcome === "in_review") continue;
      }
      const { review } = await human({ action: "approve", ...n, user: job.outcome === "merged" ? second : reviewer });
      step({ do: "approve", by: job.outcome === "merged" ? second : reviewer, reviewId: Number(review), at: new Date() });
      if (job.outcome === "approved") continue;
      const { sha } = await human({ action: "merge", ...n, user: second });
      step({ do: "merge", by: second, sha: String(sha), at: new Date() });
      // The next change of this repository starts from the main the merge made.
      base = null;
    }
    return done;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
