import { describe, expect, it } from "vitest";
import { changesetTimings, storedRisk } from "./changeset-summary";

const t0 = new Date("2026-12-01T09:00:00.000Z");
const plus = (ms: number) => new Date(t0.getTime() + ms);

describe("changesetTimings", () => {
  it("is exact to the millisecond, from the PR's opening", () => {
    expect(changesetTimings({ openedAt: t0, firstReviewAt: plus(3_723_456), mergedAt: plus(86_400_001) })).toEqual({ timeToFirstReviewMs: 3_723_456, timeToMergeMs: 86_400_001 });
    expect(changesetTimings({ openedAt: t0, firstReviewAt: t0, mergedAt: null })).toEqual({ timeToFirstReviewMs: 0, timeToMergeMs: null });
  });

  it("is unknown until both ends are known", () => {
    expect(changesetTimings({ openedAt: null, firstReviewAt: plus(1000), mergedAt: plus(2000) })).toEqual({ timeToFirstReviewMs: null, timeToMergeMs: null });
    expect(changesetTimings({ openedAt: t0, firstReviewAt: null, mergedAt: null })).toEqual({ timeToFirstReviewMs: null, timeToMergeMs: null });
  });

  it("gives no figure rather than a negative one when a review or merge is stamped before the opening", () => {
    expect(changesetTimings({ openedAt: t0, firstReviewAt: plus(-1), mergedAt: plus(5) })).toEqual({ timeToFirstReviewMs: null, timeToMergeMs: 5 });
  });
});

describe("storedRisk", () => {
  const part = { fact: "repository tier", points: 2.5, why: "the repository is high risk" };

  it("reads the parts riskScore returns, as a list or inside the whole score with its threshold", () => {
    expect(storedRisk([part])).toEqual({ parts: [part], threshold: 7 });
    expect(storedRisk({ score: 2.5, level: "low", threshold: 5, parts: [part] })).toEqual({ parts: [part], threshold: 5 });
  });

  it("leaves out what is not a part and falls back to the default threshold", () => {
    expect(storedRisk([part, { fact: "x" }, "text", null])).toEqual({ parts: [part], threshold: 7 });
    expect(storedRisk(null)).toEqual({ parts: [], threshold: 7 });
    expect(storedRisk({ parts: "no", threshold: -1 })).toEqual({ parts: [], threshold: 7 });
  });
});
