// How many pull requests an hour an installation can really take under its pace (pace.ts): a
// publication costs several content-creating requests (open-pull-request.ts: the PR, its labels, its
// team reviewers), and each window of the pace bounds them. Campaign scheduling asks this; the
// Admin → GitHub screen shows it beside what the last hour used.
import type { PaceLimits } from "./pace";

/** Content-creating requests of one new pull request: create, labels, team reviewers. */
export const CONTENT_REQUESTS_PER_PULL_REQUEST = 3;

const HOUR = 3_600_000;

/** Whole pull requests an hour: the tightest of the hour's limit, sixty minutes' limits and the spacing of writes. */
export function pullRequestsPerHour(limits: PaceLimits, perPullRequest = CONTENT_REQUESTS_PER_PULL_REQUEST): number {
  const bySpacing = limits.spacingMs > 0 ? Math.floor(HOUR / limits.spacingMs) : Number.POSITIVE_INFINITY;
  const requests = Math.min(limits.perHour, limits.perMinute * 60, bySpacing);
  return Math.floor(requests / perPullRequest);
}
