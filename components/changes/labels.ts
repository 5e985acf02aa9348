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

export const RISK_LEVELS: RiskLevel[] = ["low", "medium", "high"];
export const RISK_TONE: Record<RiskLevel, Tone> = { low: "green", medium: "amber", high: "red" };
export const riskLevelLabel = (l: RiskLevel) => ({ low: "Low", medium: "Medium", high: "High" })[l];
/** One decimal, as the score is computed. */
export const formatScore = (n: number) => n.toFixed(1);
