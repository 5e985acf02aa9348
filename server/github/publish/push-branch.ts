// The push step: the publication's commit built on the run's base, checked against what the
// remote holds, and pushed to the task's branch only when that changes nothing but Fleetgate's own
// work. A branch carrying anyone else's commit is left alone (edited); a base that moved so that the
// patch no longer applies, or that policy wants up to date, is stale. Every push is a lease: the
// branch moves only from the head seen, so a commit that lands meanwhile is never overwritten.
import { paced } from "../pace";
import { withStepToken, type LeaseTarget } from "../token-leases";
import type { AppIdentity } from "./app-identity";
import { openScratch, type CommitPlan } from "./build-commit";

export type PushOutcome =
  | { kind: "pushed" | "unchanged" | "built"; headSha: string; baseHead: string }
  | { kind: "edited"; commits: string[]; head: string }
  | { kind: "stale"; reason: string; baseHead: string | null }
  | { kind: "unbuildable"; reason: string };

export type PushInput = {
  target: LeaseTarget;
  installationId: string;
  commit: Omit<CommitPlan, "token" | "author">;
  author: AppIdentity;
  /** The head Fleetgate pushed last (its own); anything else on the branch is someone else's. */
  ownHead: string | null;
  requireUpToDateBase: boolean;
  /** local_branch builds the commit and pushes nothing. */
  push: boolean;
  /** Told the commit before it is pushed, so the branch head is never seen as someone else's. */
  beforePush: (sha: string) => Promise<void>;
};

export function pushBranch(i: PushInput): Promise<PushOutcome> {
  return withStepToken(i.target, i.push ? "push" : "clone", async (lease) => {
    const plan: CommitPlan = { ...i.commit, token: lease.token, author: { name: i.author.name, email: i.author.email } };
    const s = await openScratch(plan);
    try {
      const baseHead = s.heads.base;
      if (!baseHead) return { kind: "stale", reason: `the base branch ${plan.defaultBranch} no longer exists`, baseHead };
      if (!(await s.has(plan.baseSha))) return { kind: "stale", reason: `the run's base ${plan.baseSha.slice(0, 12)} is no longer on ${plan.defaultBranch} (rewritten history)`, baseHead };
      if (baseHead !== plan.baseSha) {
        const onNew = await s.commit(baseHead);
        if (onNew === null) return { kind: "stale", reason: `${plan.defaultBranch} moved to ${baseHead.slice(0, 12)} and the patch no longer applies to it`, baseHead };
        if (i.requireUpToDateBase) return { kind: "stale", reason: `${plan.defaultBranch} moved to ${baseHead.slice(0, 12)} and policy requires an up-to-date base`, baseHead };
      }
      const sha = await s.commit(plan.baseSha);
      if (sha === null) return { kind: "unbuildable", reason: `the run's patch does not apply to its own base ${plan.baseSha.slice(0, 12)}` };
      const remoteHead = s.heads.branch;
      if (remoteHead === sha) return { kind: "unchanged", headSha: sha, baseHead };
      if (remoteHead && remoteHead !== i.ownHead) {
        const foreign = await s.foreignCommits(remoteHead, plan.author);
        if (foreign.length) return { kind: "edited", commits: foreign, head: remoteHead };
      }
      if (!i.push) return { kind: "built", headSha: sha, baseHead };
      await i.beforePush(sha);
      await paced(i.installationId, { method: "GIT", route: `push ${plan.branch}` }, () => s.push(sha, remoteHead));
      return { kind: "pushed", headSha: sha, baseHead };
    } finally {
      await s.remove();
    }
  });
}
