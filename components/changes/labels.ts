// Words and colours for pull requests: changeset states (GitHub's colours where GitHub has the
// state: open green, draft grey, merged violet, closed red), review and checks states, risk levels.
import type { Tone } from "../ui/badge";
import { humanize } from "../ui/humanize";
import type { ChangesetState, RiskLevel } from "./types";

export const CHANGESET_STATES: ChangesetState[] = ["unpublished", "awaiting_approval", "held", "publishing", "draft", "open", "merged", "closed", "blocked", "edited", "needs_human", "failed"];

const STATE_INFO: Record<ChangesetState, { label: string; tone: Tone; hint: string }> = {
  unpublished: { label: "Not published", tone: "neutral", hint: "kept in Fleetgate: the run's mode publishes nothing" },
  awaiting_approval: { label: "Awaiting approval", tone: "amber", hint: "a person must approve in Fleetgate before the PR is created or updated" },
  held: { label: "Held", tone: "amber", hint: "waiting for room under a PR-storm cap or for the campaign's schedule window; the reason names the cap" },
  publishing: { label: "Publishing", tone: "sky", hint: "pushing the branch and opening the PR" },
  draft: { label: "Draft", tone: "neutral", hint: "a draft PR: Fleetgate never marks it ready" },
  open: { label: "Open", tone: "green", hint: "open for review" },
  merged: { label: "Merged", tone: "violet", hint: "merged on the code host" },
  closed: { label: "Closed", tone: "red", hint: "closed without merging" },
  blocked: { label: "Blocked", tone: "red", hint: "held: the secret scan, a kill switch or a denied approval" },
  edited: { label: "Edited by a person", tone: "amber", hint: "someone else committed to the branch: Fleetgate no longer pushes to it" },
  needs_human: { label: "Needs a human", tone: "amber", hint: "flagged for a person, with the reason" },
  failed: { label: "Failed", tone: "red", hint: "publishing failed" },
};
export const changesetStateLabel = (s: string) => STATE_INFO[s as ChangesetState]?.label ?? humanize(s);
export const changesetStateTone = (s: string): Tone => STATE_INFO[s as ChangesetState]?.tone ?? "neutral";
export const changesetStateHint = (s: string) => STATE_INFO[s as ChangesetState]?.hint ?? "";
/** A pull request exists on the code host and is not final: worth following live. */
export const isLive = (s: string) => !["merged", "closed", "failed", "unpublished"].includes(s);

export const REVIEW_STATES = ["none", "review_required", "changes_requested", "approved"] as const;
const REVIEW_INFO: Record<string, { label: string; tone: Tone }> = {
  none: { label: "No review yet", tone: "neutral" },
  review_required: { label: "Review required", tone: "sky" },
  changes_requested: { label: "Changes requested", tone: "amber" },
  approved: { label: "Approved", tone: "green" },
};
export const reviewLabel = (s: string) => REVIEW_INFO[s]?.label ?? humanize(s);
export const reviewTone = (s: string): Tone => REVIEW_INFO[s]?.tone ?? "neutral";

export const CHECKS_STATES = ["none", "pending", "passing", "failing"] as const;
const CHECKS_INFO: Record<string, { label: string; tone: Tone }> = {
  none: { label: "No checks", tone: "neutral" },
  pending: { label: "Pending", tone: "sky" },
  passing: { label: "Passing", tone: "green" },
  failing: { label: "Failing", tone: "red" },
};
export const checksLabel = (s: string) => CHECKS_INFO[s]?.label ?? humanize(s);
export const checksTone = (s: string): Tone => CHECKS_INFO[s]?.tone ?? "neutral";

// Post-merge health of a merged changeset (server/github/health/).
const HEALTH_INFO: Record<string, { label: string; tone: Tone; hint: string }> = {
  watching: { label: "Watching after merge", tone: "sky", hint: "the merge commit's checks on the default branch are watched until the soak ends" },
  reverting: { label: "Reverting", tone: "amber", hint: "the merge broke the default branch's checks: the revert PR is being opened" },
  awaiting_approval: { label: "Revert awaits approval", tone: "amber", hint: "the merge broke the default branch's checks; policy wants a person to approve its revert" },
  reverted: { label: "Reverted", tone: "red", hint: "the merge broke the default branch's checks: Fleetgate opened a revert PR" },
  passed: { label: "Healthy after merge", tone: "green", hint: "the soak ended with the merge commit's checks passing" },
  unverified: { label: "Not verified after merge", tone: "neutral", hint: "the soak ended without a verdict from the checks" },
  not_reverted: { label: "Failing, not reverted", tone: "amber", hint: "the default branch's checks fail, but the failure was not pinned on this merge (or its revert was refused)" },
};
export const healthLabel = (s: string) => HEALTH_INFO[s]?.label ?? humanize(s);
export const healthTone = (s: string): Tone => HEALTH_INFO[s]?.tone ?? "neutral";
export const healthHint = (s: string) => HEALTH_INFO[s]?.hint ?? "";
/** A merge still under watch (or a revert under way) changes without the PR changing: worth following live. */
export const healthIsLive = (s: string | null) => s === "watching" || s === "reverting" || s === "awaiting_approval";

export const RISK_LEVELS: RiskLevel[] = ["low", "medium", "high"];
export const RISK_TONE: Record<RiskLevel, Tone> = { low: "green", medium: "amber", high: "red" };
export const riskLevelLabel = (l: RiskLevel) => ({ low: "Low", medium: "Medium", high: "High" })[l];
/** One decimal, as the score is computed. */
export const formatScore = (n: number) => n.toFixed(1);
