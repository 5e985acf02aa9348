import { describe, expect, it } from "vitest";
import { whyNoFollowUp, type FollowUpFacts } from "./follow-up-gate";

const facts = (over: Partial<FollowUpFacts> = {}): FollowUpFacts => ({
  by: "olga", member: { label: "olga@acme.test", mayStartRuns: true }, agentKind: "model", changesetState: "draft",
  policy: { enabled: true, maxPerChangeset: 2 }, started: 0, pending: false, openRun: null, ...over,
});

describe("whyNoFollowUp", () => {
  it("lets a member who may start runs steer a model agent's draft or open PR, within the policy's maximum", () => {
    expect(whyNoFollowUp(facts())).toBeNull();
    expect(whyNoFollowUp(facts({ changesetState: "open", started: 1 }))).toBeNull();
  });

  it("never lets anyone else steer it, whatever else holds", () => {
    expect(whyNoFollowUp(facts({ member: null, agentKind: "recipe", changesetState: "merged" }))).toBe(
      "olga is not a member of this tenant (no membership is linked to that GitHub login), so their feedback never steers an agent",
    );
    expect(whyNoFollowUp(facts({ member: { label: "olga@acme.test", mayStartRuns: false } }))).toBe(
      "olga (olga@acme.test) may not start runs (run.create), so their feedback never steers an agent",
    );
  });

  it("says why nothing starts: a recipe, a changeset that is not draft or open, the policy, its maximum, an open run", () => {
    expect(whyNoFollowUp(facts({ agentKind: "recipe" }))).toMatch(/^the task's agent is a recipe: its steps are declared and deterministic/);
    for (const state of ["edited", "needs_human", "blocked", "merged", "closed", "publishing"]) {
      expect(whyNoFollowUp(facts({ changesetState: state }))).toBe(`the changeset is ${state.replaceAll("_", " ")}: follow-up runs change only a draft or open pull request`);
    }
    expect(whyNoFollowUp(facts({ policy: { enabled: false, maxPerChangeset: 2 } }))).toBe("policy does not allow follow-up runs on review feedback here (governance.publishing.follow_up_on_review)");
    expect(whyNoFollowUp(facts({ started: 2 }))).toBe(
      "the changeset has had 2 follow-up runs, the most policy allows (governance.publishing.follow_up_on_review.max_per_changeset 2)",
    );
    expect(whyNoFollowUp(facts({ openRun: { id: "r9", attempt: 3, state: "awaiting_approval" } }))).toBe(
      "attempt 3 of the task (run r9) is awaiting approval; feedback starts a run only when none is open",
    );
  });

  it("lets feedback join the run about to start even at the maximum, since it adds no run", () => {
    expect(whyNoFollowUp(facts({ started: 1, pending: true, policy: { enabled: true, maxPerChangeset: 1 } }))).toBeNull();
  });
});
