// What follows a change of branches (a push over git, a human's commit, a merge): a push webhook
// per branch, the head of every open pull request on a moved branch (synchronize), and the
// closing of open pull requests whose head branch was deleted, as GitHub does.
import { emitPullRequest, emitPush } from "./emit-events";
import type { TwinContext } from "./twin-context";
import type { TwinRepository } from "./twin-types";
import { ZERO_SHA } from "./run-git";

export type RefChange = { branch: string; before: string; after: string };

export async function applyRefChanges(ctx: TwinContext, repo: TwinRepository, changes: RefChange[], pusherLogin: string): Promise<void> {
  const now = new Date().toISOString();
  for (const change of changes) {
    await emitPush(ctx, repo, change, pusherLogin);
    for (const pull of ctx.store.data.pulls.filter((p) => p.repositoryId === repo.id && p.state === "open" && p.head.ref === change.branch)) {
      pull.updatedAt = now;
      if (change.after === ZERO_SHA) {
        pull.state = "closed";
        pull.closedAt = now;
        await emitPullRequest(ctx, "closed", pull, repo, pusherLogin);
      } else {
        const before = pull.head.sha;
        pull.head.sha = change.after;
        await emitPullRequest(ctx, "synchronize", pull, repo, pusherLogin, { before, after: change.after });
      }
    }
  }
  repo.pushedAt = now;
  await ctx.store.save("pulls", "repositories");
}
