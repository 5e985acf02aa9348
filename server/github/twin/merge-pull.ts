// Merging a pull request as GitHub does: a merge commit (or a squash) built by git's merge-ort,
// refused (405) when it conflicts, is a draft, or lacks the approvals the repository requires;
// 409 when the caller's expected head is stale. Then a push of the base and the closed webhook.
import { applyRefChanges } from "./apply-ref-changes";
import { branchSha, commitTree, mergeTree, updateBranch } from "./bare-repository";
import { emitPullRequest } from "./emit-events";
import { GithubError } from "./github-error";
import { reviewDecision } from "./render-pull";
import { repoDirOf, type TwinContext } from "./twin-context";
import type { TwinPull, TwinRepository } from "./twin-types";

export type MergeInput = { by: string; method?: "merge" | "squash" | "rebase"; sha?: string; title?: string; message?: string };

export async function mergePull(ctx: TwinContext, pull: TwinPull, repo: TwinRepository, input: MergeInput): Promise<{ sha: string }> {
  return ctx.withRepositoryLock(repo.id, async () => {
    const notMergeable = (why = "Pull Request is not mergeable") => new GithubError(405, why);
    if (pull.state !== "open") throw notMergeable();
    if (pull.draft) throw notMergeable("Pull Request is still a draft");
    const method = input.method ?? "merge";
    if (method === "rebase") throw notMergeable("Rebase merges are not allowed on this repository.");
    const dir = repoDirOf(ctx, repo);
    const base = await branchSha(dir, pull.base.ref);
    const head = await branchSha(dir, pull.head.ref);
    if (!base || !head) throw notMergeable();
    if (input.sha && input.sha !== head) throw new GithubError(409, "Head branch was modified. Review and try the merge again.");
    const { approvals, changesRequested } = reviewDecision(ctx, pull);
    if (repo.requiredApprovals > 0 && (changesRequested || approvals < repo.requiredApprovals)) {
      throw notMergeable(changesRequested ? "Changes must be made through a pull request." : `At least ${repo.requiredApprovals} approving review${repo.requiredApprovals > 1 ? "s are" : " is"} required by reviewers with write access.`);
    }
    const tree = await mergeTree(dir, base, head);
    if (!tree) throw notMergeable();
    const title = input.title ?? (method === "squash" ? `${pull.title} (#${pull.number})` : `Merge pull request #${pull.number} from ${repo.owner}/${pull.head.ref}`);
    const message = input.message ?? (method === "squash" ? "" : pull.title);
    const person = { name: input.by, email: `${ctx.store.user(input.by).id}+${input.by}@users.noreply.github.com` };
    const committer = { name: "GitHub", email: "noreply@github.com" };
    const sha = await commitTree(dir, tree, method === "squash" ? [base] : [base, head], message ? `${title}\n\n${message}` : title, person, committer);
    if (!(await updateBranch(dir, pull.base.ref, sha, base))) throw new GithubError(409, "Base branch was modified. Review and try the merge again.");
    const now = new Date().toISOString();
    Object.assign(pull, { state: "closed", merged: true, mergedAt: now, closedAt: now, updatedAt: now, mergedBy: input.by, mergeCommitSha: sha });
    pull.base.sha = base;
    pull.head.sha = head;
    await applyRefChanges(ctx, repo, [{ branch: pull.base.ref, before: base, after: sha }], input.by);
    await emitPullRequest(ctx, "closed", pull, repo, input.by);
    return { sha };
  });
}
