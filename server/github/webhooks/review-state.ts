// Whether a review counts, and where the reviews leave a changeset. A review by the task's requester
// or by Fleetgate's own App (the PR's author) never counts towards approval: it is recorded with that
// note and may not make a changeset approved. Across reviewers, each one's latest deciding review
// (approved or changes requested; a comment decides nothing) stands, and one request for changes
// outweighs any approvals, as GitHub's review decision does.

export type ReviewState = "none" | "review_required" | "changes_requested" | "approved";

export type Reviewers = { requesterLogin: string | null; appBot: string; prAuthor: string | null };

export type ReviewVerdict = "approved" | "changes_requested" | "commented" | "dismissed";

export type ReviewFact = { by: string; verdict: ReviewVerdict; counts: boolean; at: Date };

const same = (a: string | null | undefined, b: string | null | undefined) => !!a && !!b && a.toLowerCase() === b.toLowerCase();

/** Why a review by `login` does not count, or null when it does. */
export function whyNotCounted(login: string, who: Reviewers): string | null {
  if (same(login, who.appBot) || same(login, who.prAuthor)) return "a review by Fleetgate's own App (the pull request's author) never counts";
  if (same(login, who.requesterLogin)) return "a review by the task's requester never counts towards approval";
  return null;
}

/** GitHub's review states, as webhooks (lowercase) and the REST API (uppercase) spell them. */
export function verdictOf(state: string): ReviewVerdict | null {
  const s = state.toLowerCase();
  return s === "approved" || s === "changes_requested" || s === "commented" || s === "dismissed" ? s : null;
}

/**
 * The review state the facts lead to: each reviewer's latest deciding review stands. A request for
 * changes stands whoever made it (the requester may ask for changes; they may not approve); an
 * approval stands only if it counts. With no deciding review, `otherwise` (review_required once
 * reviewers were asked, or none).
 */
export function reviewStateOf(facts: readonly ReviewFact[], otherwise: ReviewState): ReviewState {
  const latest = new Map<string, ReviewFact>();
  for (const f of [...facts].sort((a, b) => a.at.getTime() - b.at.getTime())) {
    if (f.verdict === "commented") continue;
    latest.set(f.by.toLowerCase(), f);
  }
  const standing = [...latest.values()];
  if (standing.some((f) => f.verdict === "changes_requested")) return "changes_requested";
  if (standing.some((f) => f.verdict === "approved" && f.counts)) return "approved";
  return otherwise === "approved" || otherwise === "changes_requested" ? "review_required" : otherwise;
}
