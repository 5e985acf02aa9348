// A review on an agent's PR: recorded on the changeset (a `review` event saying whether it counts),
// and the changeset's review state recomputed from every review recorded so far. A review by the
// task's requester or by Fleetgate's own App never makes it approved; the first review that counts
// sets firstReviewAt (GitHub's time), so time to first review is exact. A review body asking for more
// than the task is escalated like a comment; one asking for changes within it may start a follow-up
// run (the caller asks: server/github/follow-ups/).
import type { Tx } from "../../db/client";
import { appendChangesetEvent } from "../changesets/changeset-transitions";
import { escalateIfOutOfScope } from "./escalate-request";
import { requesterOf, type ChangesetRow, type RepositoryRow } from "./find-changeset";
import { reviewStateOf, whyNotCounted, type ReviewFact, type ReviewState, type ReviewVerdict } from "./review-state";

export type Review = { id: number; by: string; verdict: ReviewVerdict; body: string; at: Date; url: string | null };

/** The reviews recorded on the changeset, oldest first. */
export async function recordedReviews(tx: Tx, changesetId: string): Promise<ReviewFact[]> {
  const rows = await tx.changesetEvent.findMany({ where: { changesetId, kind: "review" }, orderBy: { seq: "asc" }, select: { data: true, at: true } });
  return rows.flatMap((r) => {
    const d = r.data as { by?: unknown; verdict?: unknown; counts?: unknown } | null;
    return typeof d?.by === "string" && typeof d.verdict === "string" ? [{ by: d.by, verdict: d.verdict as ReviewVerdict, counts: d.counts === true, at: r.at }] : [];
  });
}

/** outcome: for the delivery's reason; mayFollowUp: a person's review asking for changes within the task's scope. */
export async function recordReview(
  tx: Tx, cs: ChangesetRow, repo: RepositoryRow, r: Review, who: { appBot: string; prAuthor: string | null },
): Promise<{ outcome: string; mayFollowUp: boolean }> {
  const requester = await requesterOf(tx, cs);
  const notCounted = whyNotCounted(r.by, { requesterLogin: requester.login, appBot: who.appBot, prAuthor: who.prAuthor });
  const counts = notCounted === null;
  const said = r.verdict === "changes_requested" ? "requested changes" : r.verdict;
  await appendChangesetEvent(tx, cs, {
    kind: "review", at: r.at,
    message: `${r.by} ${said}${notCounted ? ` (does not count: ${notCounted})` : ""}`,
    data: { by: r.by, verdict: r.verdict, counts, reviewId: r.id, url: r.url, ...(notCounted ? { note: notCounted } : {}) },
  });
  const otherwise: ReviewState = cs.reviewState === "none" && cs.reviewers.length === 0 ? "none" : "review_required";
  const reviewState = reviewStateOf(await recordedReviews(tx, cs.id), otherwise);
  const first = counts && r.verdict !== "dismissed" && !cs.firstReviewAt;
  await tx.changeset.update({ where: { id: cs.id }, data: { reviewState, lastEventAt: r.at, ...(first ? { firstReviewAt: r.at } : {}) } });
  const outcome = `${r.by} ${said}${counts ? "" : ` (not counted: ${notCounted})`}; review state ${reviewState}`;
  const byApp = [who.appBot, who.prAuthor].some((l) => l && l.toLowerCase() === r.by.toLowerCase());
  if (byApp || r.verdict === "dismissed") return { outcome, mayFollowUp: false };
  const escalated = r.body.trim()
    ? await escalateIfOutOfScope(tx, cs, { by: r.by, body: r.body, url: r.url, key: `review-${r.id}`, at: r.at, requesterUserId: requester.userId }, `${repo.owner}/${repo.name}`)
    : null;
  if (escalated) return { outcome: `${outcome}; ${escalated}`, mayFollowUp: false };
  return { outcome, mayFollowUp: r.verdict === "changes_requested" };
}
