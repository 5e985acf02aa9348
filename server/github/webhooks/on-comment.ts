// issue_comment (on a pull request) and pull_request_review_comment: recorded on the changeset as a
// `comment` event; one asking for more than the task's scope is escalated (escalate-request.ts),
// never executed; one within it that mentions the App may start a follow-up run
// (server/github/follow-ups/). Fleetgate's own comments are not recorded again.
import { z } from "zod";
import { appendChangesetEvent } from "../changesets/changeset-transitions";
import { applied, ignored, tenantHandler, type Outcome, type TenantDeliveryContext } from "./delivery-handler";
import { addressesApp } from "../follow-ups/addresses-app";
import { requestFollowUp } from "../follow-ups/request-follow-up";
import { escalateIfOutOfScope } from "./escalate-request";
import { findChangeset, requesterOf, type Found } from "./find-changeset";
import { ZComment, ZPullRequestRef, ZRepositoryRef, ZUser } from "./payload-parts";

const BODY_KEPT = 2_000;

type CommentPayload = z.infer<typeof ZComment>;

async function recordComment(ctx: TenantDeliveryContext, found: Found, comment: CommentPayload, sender: string, where: string): Promise<Outcome> {
  if ("missing" in found) return ignored(found.missing);
  const by = comment.user?.login ?? sender;
  if (by.toLowerCase() === ctx.appBot.toLowerCase()) return ignored("Fleetgate's own comment");
  const cs = found.changeset;
  const body = comment.body ?? "";
  await appendChangesetEvent(ctx.tx, cs, {
    kind: "comment", at: comment.created_at, message: `${by} commented${where}`,
    data: {
      by, commentId: comment.id, url: comment.html_url ?? null, path: comment.path ?? null, reviewId: comment.pull_request_review_id ?? null,
      body: body.slice(0, BODY_KEPT), truncated: body.length > BODY_KEPT,
    },
  });
  await ctx.tx.changeset.update({ where: { id: cs.id }, data: { lastEventAt: comment.created_at } });
  const requester = await requesterOf(ctx.tx, cs);
  const escalated = await escalateIfOutOfScope(ctx.tx, cs, {
    by, body, url: comment.html_url ?? null, key: `comment-${comment.id}`, at: comment.created_at, requesterUserId: requester.userId,
  }, `${found.repository.owner}/${found.repository.name}`);
  if (escalated) return applied(`${by} commented${where}; ${escalated}`);
  if (!body.trim()) return applied(`${by} commented${where}`);
  // A comment on the diff goes to the agent with its review, if that review asks for changes.
  if (!addressesApp(body, ctx.appBot)) return applied(`${by} commented${where}; it does not mention @${ctx.appBot.replace(/\[bot\]$/, "")}, so it asks the agent for nothing`);
  const said = comment.path ? `(on ${comment.path}) ${body}` : body;
  const followUp = await requestFollowUp(ctx, cs, { kind: "comment", key: `comment-${comment.id}`, by, body: said, url: comment.html_url ?? null, at: comment.created_at, where });
  return applied(`${by} commented${where}; ${followUp}`);
}

const ZIssueComment = z.object({
  action: z.string(),
  issue: z.object({ number: z.number().int().positive(), pull_request: z.looseObject({}).nullish() }),
  comment: ZComment,
  repository: ZRepositoryRef,
  sender: ZUser,
});

export const onIssueComment = tenantHandler(ZIssueComment, async (ctx, p) => {
  if (p.action !== "created") return ignored(`issue_comment.${p.action} changes nothing Fleetgate keeps`);
  if (!p.issue.pull_request) return ignored(`#${p.issue.number} is an issue, not a pull request`);
  const found = await findChangeset(ctx.tx, ctx.tenantId, p.repository, { number: p.issue.number });
  return recordComment(ctx, found, p.comment, p.sender.login, "");
});

const ZReviewComment = z.object({
  action: z.string(),
  comment: ZComment,
  pull_request: ZPullRequestRef,
  repository: ZRepositoryRef,
  sender: ZUser,
});

export const onReviewComment = tenantHandler(ZReviewComment, async (ctx, p) => {
  if (p.action !== "created") return ignored(`pull_request_review_comment.${p.action} changes nothing Fleetgate keeps`);
  const found = await findChangeset(ctx.tx, ctx.tenantId, p.repository, { number: p.pull_request.number, branch: p.pull_request.head.ref });
  return recordComment(ctx, found, p.comment, p.sender.login, p.comment.path ? ` on ${p.comment.path}` : " on the diff");
});
