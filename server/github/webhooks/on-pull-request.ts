// pull_request: opened, reopened, ready_for_review, converted_to_draft, closed (merged or not) move
// the changeset where the PR is (and let held work have a slot that frees); synchronize by anyone but the App marks it edited (and any new head
// restarts the checks state); review_requested
// records who was asked; a person removing a label Fleetgate set is recorded; edited keeps the title.
import { z } from "zod";
import { waveCheckAfterCommit } from "../../campaigns/wave-jobs";
import { appendChangesetEvent } from "../changesets/changeset-transitions";
import { enqueueHealthCheck } from "../health/health-job";
import { releaseSoon } from "../caps/release-held-job";
import { applyPullState, type PullFacts } from "./apply-pull-state";
import { checksStateOf } from "./checks-state";
import { applied, ignored, tenantHandler } from "./delivery-handler";
import { findChangeset } from "./find-changeset";
import { noteForeignHead } from "./note-foreign-head";
import { recordedChecks } from "./on-checks";
import { ZPullRequest, ZRepositoryRef, ZUser, type PullRequestPayload } from "./payload-parts";

const ZPayload = z.object({
  action: z.string(),
  pull_request: ZPullRequest,
  repository: ZRepositoryRef,
  sender: ZUser,
  requested_reviewer: ZUser.optional(),
  requested_team: z.object({ slug: z.string() }).optional(),
  label: z.object({ name: z.string() }).optional(),
});

const STATE_ACTIONS = new Set(["opened", "reopened", "ready_for_review", "converted_to_draft", "closed"]);

export const pullFacts = (pr: PullRequestPayload, by: string | null): PullFacts => ({
  number: pr.number, url: pr.html_url, state: pr.state, draft: pr.draft, merged: pr.merged === true || pr.merged_at !== null,
  createdAt: pr.created_at, updatedAt: pr.updated_at, closedAt: pr.closed_at, mergedAt: pr.merged_at, mergedBy: pr.merged_by?.login ?? null,
  mergeCommitSha: pr.merged_at !== null || pr.merged === true ? (pr.merge_commit_sha ?? null) : null, by,
});

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export const onPullRequest = tenantHandler(ZPayload, async (ctx, p) => {
  const pr = p.pull_request;
  const found = await findChangeset(ctx.tx, ctx.tenantId, p.repository, { number: pr.number, branch: pr.head.ref });
  if ("missing" in found) return ignored(found.missing);
  const cs = found.changeset;
  const by = p.sender.login;
  waveCheckAfterCommit(cs.campaignId, ctx.afterCommit);

  if (STATE_ACTIONS.has(p.action)) {
    const moved = await applyPullState(ctx.tx, cs, pullFacts(pr, by), "webhook");
    if (moved === "stale") return ignored(`pull_request.${p.action} on #${pr.number} is older than a state already applied (delivered out of order)`);
    if (moved?.to === "merged") ctx.afterCommit(() => enqueueHealthCheck(cs.id, `merged-${ctx.deliveryId}`));
    // Merged, closed or made a draft: a slot under the PR-storm caps may be free for held work.
    if (moved) ctx.afterCommit(() => releaseSoon(ctx.tenantId));
    return applied(moved ? `${moved.from} -> ${moved.to}: ${moved.cause}` : `pull_request.${p.action} on #${pr.number}; the changeset stays ${cs.state}`);
  }
  switch (p.action) {
    case "synchronize": {
      // A new head starts its checks afresh: only reports for that commit count.
      const checksState = checksStateOf(await recordedChecks(ctx.tx, cs.id, pr.head.sha));
      if (checksState !== cs.checksState) await ctx.tx.changeset.update({ where: { id: cs.id }, data: { checksState } });
      if (same(by, ctx.appBot)) return applied(`Fleetgate's own push to #${pr.number}; checks ${checksState}`);
      return applied(`${(await noteForeignHead(ctx.tx, cs, { sha: pr.head.sha, by, at: pr.updated_at, source: "webhook" })).text}; checks ${checksState}`);
    }
    case "review_requested": {
      const who = p.requested_reviewer?.login ?? (p.requested_team ? `team:${p.requested_team.slug}` : null);
      if (!who) return ignored("review_requested names no reviewer");
      const reviewers = cs.reviewers.some((r) => same(r, who)) ? cs.reviewers : [...cs.reviewers, who];
      await ctx.tx.changeset.update({
        where: { id: cs.id },
        data: { reviewers, lastEventAt: pr.updated_at, ...(cs.reviewState === "none" ? { reviewState: "review_required" } : {}) },
      });
      await appendChangesetEvent(ctx.tx, cs, { kind: "review", message: `review requested from ${who}${same(by, ctx.appBot) ? "" : ` by ${by}`}`, data: { requested: who, by }, at: pr.updated_at });
      return applied(`review requested from ${who}`);
    }
    case "labeled":
    case "unlabeled": {
      const label = p.label?.name;
      if (!label) return ignored(`${p.action} names no label`);
      if (same(by, ctx.appBot)) return ignored(`Fleetgate's own label ${label}`);
      if (!cs.labels.some((l) => same(l, label))) return ignored(`label ${label} is not one Fleetgate set; nothing to keep`);
      if (p.action === "labeled") return ignored(`label ${label} put back by ${by}`);
      const message = `${by} removed the label ${label} that Fleetgate set`;
      await appendChangesetEvent(ctx.tx, cs, { kind: "flag", message, data: { label, by }, at: pr.updated_at });
      return applied(message);
    }
    case "edited": {
      if (pr.title === cs.title) return ignored("the title is unchanged");
      await ctx.tx.changeset.update({ where: { id: cs.id }, data: { title: pr.title, lastEventAt: pr.updated_at } });
      return applied(`title edited by ${by}`);
    }
    default:
      return ignored(`pull_request.${p.action} changes nothing Fleetgate keeps`);
  }
});
