import { describe, expect, it } from "vitest";
import { reviewStateOf, verdictOf, whyNotCounted, type ReviewFact } from "./review-state";

const who = { requesterLogin: "rita", appBot: "fleetgate[bot]", prAuthor: "fleetgate[bot]" };
const at = (n: number) => new Date(Date.UTC(2026, 11, 7, 12, n));
const fact = (by: string, verdict: ReviewFact["verdict"], n: number): ReviewFact => ({ by, verdict, at: at(n), counts: whyNotCounted(by, who) === null });

describe("who counts", () => {
  it("never the requester nor Fleetgate's own App, whatever the case of the login", () => {
    expect(whyNotCounted("Rita", who)).toMatch(/requester/);
    expect(whyNotCounted("FleetGate[bot]", who)).toMatch(/own App/);
    expect(whyNotCounted("alice", who)).toBeNull();
  });

  it("reads GitHub's review states as webhooks and the REST API spell them", () => {
    expect(verdictOf("APPROVED")).toBe("approved");
    expect(verdictOf("changes_requested")).toBe("changes_requested");
    expect(verdictOf("PENDING")).toBeNull();
  });
});

describe("the review state", () => {
  it("is approved only by a review that counts", () => {
    expect(reviewStateOf([fact("rita", "approved", 1)], "review_required")).toBe("review_required");
    expect(reviewStateOf([fact("rita", "approved", 1), fact("alice", "approved", 2)], "none")).toBe("approved");
  });

  it("lets a standing request for changes outweigh approvals, until that reviewer approves", () => {
    const facts = [fact("bob", "changes_requested", 1), fact("alice", "approved", 2)];
    expect(reviewStateOf(facts, "review_required")).toBe("changes_requested");
    expect(reviewStateOf([...facts, fact("bob", "commented", 3)], "review_required")).toBe("changes_requested");
    expect(reviewStateOf([...facts, fact("bob", "approved", 4)], "review_required")).toBe("approved");
    expect(reviewStateOf([...facts, fact("bob", "dismissed", 4)], "review_required")).toBe("approved");
  });

  it("falls back to review_required (or none) when nothing decides", () => {
    expect(reviewStateOf([fact("alice", "commented", 1)], "none")).toBe("none");
    expect(reviewStateOf([fact("alice", "dismissed", 1)], "approved")).toBe("review_required");
  });
});
