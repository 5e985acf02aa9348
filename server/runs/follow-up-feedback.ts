// The feedback a follow-up run acts on, oldest first: each review or comment that asked for it and,
// with a review, the comments on the diff that belong to it (GitHub delivers those separately; they
// are on the changeset's history by the time the run starts, a few seconds after the review).
import { db } from "../db/client";
import type { FeedbackForAgent } from "./follow-up-instruction";

type CommentData = { reviewId?: unknown; path?: unknown; body?: unknown; by?: unknown };

export async function followUpFeedback(run: { id: string; tenantId: string }): Promise<FeedbackForAgent[]> {
  const requests = await db.followUpRequest.findMany({
    where: { tenantId: run.tenantId, runId: run.id }, orderBy: { at: "asc" },
    select: { changesetId: true, key: true, githubLogin: true, kind: true, body: true, url: true },
  });
  const reviewIds = requests.filter((r) => r.kind === "review").map((r) => r.key.replace(/^review-/, ""));
  const comments = reviewIds.length
    ? await db.changesetEvent.findMany({
        where: { tenantId: run.tenantId, changesetId: requests[0]!.changesetId, kind: "comment", OR: reviewIds.map((id) => ({ data: { path: ["reviewId"], equals: Number(id) } })) },
        orderBy: { seq: "asc" }, select: { data: true },
      })
    : [];
  return requests.map((r) => {
    const own = r.kind === "review" ? comments.map((c) => c.data as CommentData).filter((d) => `review-${String(d.reviewId)}` === r.key) : [];
    const onDiff = own.map((d) => `${typeof d.path === "string" ? `(on ${d.path}) ` : ""}${typeof d.body === "string" ? d.body : ""}`);
    return { by: r.githubLogin, kind: r.kind, body: [r.body, ...onDiff].join("\n\n"), url: r.url };
  });
}
