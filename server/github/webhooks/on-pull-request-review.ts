// pull_request_review: submitted (approved, changes requested, commented) and dismissed reviews are
// recorded and decide the changeset's review state (record-review.ts); an approval frees a place in
// the team's review queue for held work (server/github/caps/). A person's review asking for
// changes within the task's scope may start a follow-up run (server/github/follow-ups/).
import { z } from "zod";
import { waveCheckAfterCommit } from "../../campaigns/wave-jobs";
import { releaseSoon } from "../caps/release-held-job";
import { requestFollowUp } from "../follow-ups/request-follow-up";
import { applied, ignored, tenantHandler } from "./delivery-handler";
import { findChangeset } from "./find-changeset";
import { ZPullRequestRef, ZRepositoryRef, ZUser, ZWhen } from "./payload-parts";
import { recordReview } from "./record-review";
import { verdictOf } from "./review-state";

const ZPayload = z.object({
  action: z.string(),
  review: z.object({
    id: z.number().int(),
    user: ZUser.nullable(),
    state: z.string(),
    body: z.string().nullable().default(""),
    html_url: z.string().optional(),
    submitted_at: ZWhen.nullish(),
  }),
  pull_request: ZPullRequestRef,
  repository: ZRepositoryRef,
  sender: ZUser,
});

export const onPullRequestReview = tenantHandler(ZPayload, async (ctx, p) => {
  if (p.action !== "submitted" && p.action !== "dismissed") return ignored(`pull_request_review.${p.action} changes nothing Fleetgate keeps`);
  const verdict = p.action === "dismissed" ? "dismissed" : verdictOf(p.review.state);
  if (!verdict) return ignored(`review state ${p.review.state} is not one GitHub documents`);
  const found = await findChangeset(ctx.tx, ctx.tenantId, p.repository, { number: p.pull_request.number, branch: p.pull_request.head.ref });
  if ("missing" in found) return ignored(found.missing);
  waveCheckAfterCommit(found.changeset.campaignId, ctx.afterCommit);
  const by = p.review.user?.login ?? p.sender.login;
  const review = { id: p.review.id, by, verdict, body: p.review.body ?? "", at: (verdict !== "dismissed" && p.review.submitted_at) || ctx.receivedAt, url: p.review.html_url ?? null };
  const { outcome, mayFollowUp } = await recordReview(ctx.tx, found.changeset, found.repository, review, { appBot: ctx.appBot, prAuthor: p.pull_request.user?.login ?? null });
  // An approval takes the PR out of its team's review queue: held work may fit now.
  if (verdict === "approved") ctx.afterCommit(() => releaseSoon(ctx.tenantId));
  if (!mayFollowUp) return applied(outcome);
  // Its comments on the diff arrive as deliveries of their own and join the same follow-up.
  const body = review.body.trim() || "(no text: see this review's comments on the diff)";
  const followUp = await requestFollowUp(ctx, found.changeset, { kind: "review", key: `review-${review.id}`, by, body, url: review.url, at: review.at });
  return applied(`${outcome}; ${followUp}`);
});
