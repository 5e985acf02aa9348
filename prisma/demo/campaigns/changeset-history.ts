// One demo campaign target's changeset, written as the publisher and the webhooks would have written
// it (ensureChangeset's row and event, the publishing, push and PR-opened transitions, then what the
// team did on the twin as the webhook records it), in the caller's transaction. A change of a wave
// that is over is given the story's times (hours or weeks ago: a final PR is never reconciled again);
// a change of the running wave keeps the twin's times, which the reconciler compares. A held change
// stops before its push, with the cap's reason.
import { appendAuditEvent } from "../../../server/audit/append-event";
import type { Tx } from "../../../server/db/client";
import type { Prisma } from "../../../server/db/generated/client";
import { appendChangesetEvent, transitionChangeset } from "../../../server/github/changesets/changeset-transitions";
import type { ChangeDone, TwinStep } from "./campaign-changes";
import type { Prepared } from "./campaign-publication";

export type Hold = { kind: "team_open"; reason: string; at: Date };

const HOUR = 3_600_000;

/** The story's time of each step after the PR opened: a check within minutes, reviews within hours, a merge the same day. */
function storyTimes(openedAt: Date, steps: readonly TwinStep[], spread: number, until: Date | null): Date[] {
  const offsets: Record<TwinStep["do"], number> = { check: 0.2, ready: 0.8, request_review: 0.9, comment: 2.5 + spread, approve: 2 + spread, merge: 3 + spread * 1.5, close: 2.6 + spread };
  return steps.map((s, i) => {
    const at = new Date(openedAt.getTime() + offsets[s.do] * HOUR);
    // Before the wave's end, in order.
    return until && at > until ? new Date(until.getTime() - (steps.length - i) * 60_000) : at;
  });
}

export async function writeChangesetHistory(tx: Tx, p: Prepared, done: ChangeDone, o: { historic: boolean; spread: number; waveEnd: Date | null; hold: Hold | null }): Promise<string> {
  const { input, facts, plan } = p;
  const tenantId = input.repo.tenantId;
  const published = facts.finishedAt;
  const cs = await tx.changeset.create({
    data: {
      tenantId, taskId: input.taskId, repositoryId: input.repo.id, runId: input.runId, campaignId: input.campaignId, taskClass: input.taskClass,
      mode: plan.mode, state: "publishing", branch: plan.branch, baseBranch: "main", baseSha: done.baseSha, title: plan.title, labels: plan.labels,
      riskScore: plan.risk.score, riskParts: plan.risk as unknown as Prisma.InputJsonObject, needsHumanReview: plan.risk.needsHumanReview,
      patchSha256: facts.patchSha256, createdAt: published, lastEventAt: published,
    },
  });
  const worker = { actorLabel: "worker" };
  await appendChangesetEvent(tx, cs, { kind: "publish", toState: "publishing", at: published, message: `attempt 1 (run ${input.runId}) publishes as ${plan.mode.replaceAll("_", " ")} on ${plan.branch}`, data: { runId: input.runId, risk: plan.risk.score } });
  await appendAuditEvent(tx, { tenantId, actorType: "system", ...worker, action: "changeset.create", resourceType: "changeset", resourceId: cs.id, after: { runId: input.runId, branch: plan.branch, mode: plan.mode, risk: plan.risk.score } });

  if (o.hold) {
    // The PR-storm cap holds the publication before its push: no branch, no PR, until the team's queue has room.
    const reason = o.hold.reason;
    await tx.changeset.update({ where: { id: cs.id }, data: { state: "held", holdKind: o.hold.kind, flagReason: reason, heldAt: o.hold.at, lastEventAt: o.hold.at } });
    await appendChangesetEvent(tx, cs, { kind: "transition", fromState: "publishing", toState: "held", at: o.hold.at, message: reason, data: { hold: o.hold.kind } });
    await appendAuditEvent(tx, { tenantId, actorType: "system", ...worker, action: "changeset.held", resourceType: "changeset", resourceId: cs.id, before: { state: "publishing" }, after: { state: "held", cause: reason } });
    return cs.id;
  }
  const pr = done.pr!;
  const openedAt = o.historic ? new Date(published.getTime() + 60_000) : pr.openedAt;
  const times = o.historic ? storyTimes(openedAt, done.steps, o.spread, o.waveEnd) : done.steps.map((s) => s.at);
  await transitionChangeset(tx, cs.id, { to: "publishing", cause: `publishing attempt 1 (run ${input.runId})`, at: new Date(published.getTime() + 20_000), ...worker });
  await tx.changeset.update({ where: { id: cs.id }, data: { headSha: done.headSha } });
  await appendChangesetEvent(tx, cs, { kind: "push", at: new Date(published.getTime() + 40_000), message: `commit ${done.headSha!.slice(0, 12)} pushed`, data: { headSha: done.headSha, baseHead: done.baseSha } });
  await transitionChangeset(tx, cs.id, {
    to: "draft", from: ["publishing"], at: openedAt, ...worker, cause: `opened draft PR #${pr.number}`,
    data: { provenance: { campaignId: input.campaignId, baseSha: done.baseSha, headSha: done.headSha, effectivePolicyHash: facts.policyHash, patchSha256: facts.patchSha256 } },
    set: { prNumber: pr.number, prUrl: pr.url, openedAt, publishAttempts: 1, reviewers: [] },
  });

  const github = { actorLabel: "github" };
  const via = (by: string) => ({ prNumber: pr.number, by, source: "webhook" });
  let firstReviewAt: Date | null = null;
  for (const [i, s] of done.steps.entries()) {
    const at = times[i]!;
    const set = (data: Prisma.ChangesetUpdateInput) => tx.changeset.update({ where: { id: cs.id }, data: { ...data, lastEventAt: at } });
    switch (s.do) {
      case "check":
        await appendChangesetEvent(tx, cs, { kind: "check", at, message: `check ${s.name}: success`, data: { name: s.name, conclusion: "success" } });
        await set({ checksState: "passing" });
        break;
      case "ready":
        await transitionChangeset(tx, cs.id, { to: "open", at, ...github, cause: `pull request #${pr.number} marked ready for review by ${s.by}`, data: via(s.by) });
        break;
      case "request_review":
        await appendChangesetEvent(tx, cs, { kind: "review", at, message: `review requested from ${s.reviewer}`, data: { requested: s.reviewer } });
        await set({ reviewers: [s.reviewer], reviewState: "review_required" });
        break;
      case "approve":
        firstReviewAt ??= at;
        await appendChangesetEvent(tx, cs, { kind: "review", at, message: `${s.by} approved`, data: { by: s.by, verdict: "approved", counts: true, reviewId: s.reviewId, url: null } });
        await set({ reviewState: "approved", firstReviewAt });
        break;
      case "comment":
        await appendChangesetEvent(tx, cs, { kind: "comment", at, message: `${s.by} commented`, data: { by: s.by, commentId: s.commentId } });
        break;
      case "merge":
        await transitionChangeset(tx, cs.id, { to: "merged", at, ...github, cause: `pull request #${pr.number} merged by ${s.by}`, data: via(s.by), set: { closedAt: at, mergeCommitSha: s.sha } });
        break;
      case "close":
        await transitionChangeset(tx, cs.id, { to: "closed", at, ...github, cause: `pull request #${pr.number} closed without merging by ${s.by}`, data: via(s.by) });
        break;
    }
  }
  return cs.id;
}
