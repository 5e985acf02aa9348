// Closing, reopening and marking ready for review, each with its webhook. Closing keeps the base
// sha it had, as GitHub freezes it.
import { branchSha } from "./bare-repository";
import { emitPullRequest } from "./emit-events";
import { GithubError } from "./github-error";
import { repoDirOf, type TwinContext } from "./twin-context";
import type { TwinPull, TwinRepository } from "./twin-types";

export async function setPullState(ctx: TwinContext, pull: TwinPull, repo: TwinRepository, change: "close" | "reopen" | "ready_for_review" | "convert_to_draft", by: string): Promise<void> {
  const now = new Date().toISOString();
  if (change === "close") {
    if (pull.state === "closed") return;
    pull.base.sha = (await branchSha(repoDirOf(ctx, repo), pull.base.ref)) ?? pull.base.sha;
    Object.assign(pull, { state: "closed", closedAt: now, updatedAt: now });
    await ctx.store.save("pulls");
    await emitPullRequest(ctx, "closed", pull, repo, by);
    return;
  }
  if (change === "reopen") {
    if (pull.state === "open") return;
    if (pull.merged) throw new GithubError(422, "Validation Failed", { errors: [{ resource: "PullRequest", code: "custom", message: "Cannot reopen a merged pull request" }] });
    const open = ctx.store.data.pulls.find((p) => p.repositoryId === repo.id && p.state === "open" && p.head.ref === pull.head.ref);
    if (open) throw new GithubError(422, "Validation Failed", { errors: [{ resource: "PullRequest", code: "custom", message: `A pull request already exists for ${repo.owner}:${pull.head.ref}.` }] });
    Object.assign(pull, { state: "open", closedAt: null, updatedAt: now });
    await ctx.store.save("pulls");
    await emitPullRequest(ctx, "reopened", pull, repo, by);
    return;
  }
  const draft = change === "convert_to_draft";
  if (pull.draft === draft || pull.state !== "open") return;
  Object.assign(pull, { draft, updatedAt: now });
  await ctx.store.save("pulls");
  await emitPullRequest(ctx, change, pull, repo, by);
}
