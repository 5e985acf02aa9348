// Whether a reviewer's in-scope feedback on an agent's PR may start a follow-up run of its task. Asked
// twice with the same facts: by the delivery that brings the feedback (its answer is the delivery's
// recorded reason) and by the job that starts the run (the facts may have moved meanwhile). Who asked
// comes first: only a member of the tenant who may start runs ever steers an agent.

/** A follow-up changes a pull request that is there and Fleetgate's to push to. */
export const FOLLOW_UP_STATES: readonly string[] = ["draft", "open"];

export type FollowUpFacts = {
  /** The reviewer's GitHub login. */
  by: string;
  /** The member that login is linked to, or null when none is. */
  member: { label: string; mayStartRuns: boolean } | null;
  agentKind: string;
  changesetState: string;
  policy: { enabled: boolean; maxPerChangeset: number };
  /** Follow-up runs already started on this changeset. */
  started: number;
  /** Feedback already waits for its run: this joins it, starting no second one. */
  pending: boolean;
  /** A run of the task that has not ended. */
  openRun: { id: string; attempt: number; state: string } | null;
};

/** Why the feedback starts no follow-up run, or null when it may start one (or join the one about to start). */
export function whyNoFollowUp(f: FollowUpFacts): string | null {
  if (!f.member) return `${f.by} is not a member of this tenant (no membership is linked to that GitHub login), so their feedback never steers an agent`;
  if (!f.member.mayStartRuns) return `${f.by} (${f.member.label}) may not start runs (run.create), so their feedback never steers an agent`;
  if (f.agentKind !== "model") return `the task's agent is a recipe: its steps are declared and deterministic, so feedback cannot change what it does`;
  if (!FOLLOW_UP_STATES.includes(f.changesetState)) {
    return `the changeset is ${f.changesetState.replaceAll("_", " ")}: follow-up runs change only a draft or open pull request`;
  }
  if (!f.policy.enabled) return "policy does not allow follow-up runs on review feedback here (governance.publishing.follow_up_on_review)";
  if (!f.pending && f.started >= f.policy.maxPerChangeset) {
    return `the changeset has had ${f.started} follow-up run${f.started === 1 ? "" : "s"}, the most policy allows (governance.publishing.follow_up_on_review.max_per_changeset ${f.policy.maxPerChangeset})`;
  }
  if (f.openRun) return `attempt ${f.openRun.attempt} of the task (run ${f.openRun.id}) is ${f.openRun.state.replaceAll("_", " ")}; feedback starts a run only when none is open`;
  return null;
}
