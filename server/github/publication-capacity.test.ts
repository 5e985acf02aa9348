import { describe, expect, it } from "vitest";
import { CONTENT_REQUESTS_PER_PULL_REQUEST, pullRequestsPerHour } from "./publication-capacity";

describe("pullRequestsPerHour", () => {
  it("with GitHub's documented limits, the hour's 500 content-creating requests decide: 166 PRs of 3 requests", () => {
    expect(CONTENT_REQUESTS_PER_PULL_REQUEST).toBe(3);
    expect(pullRequestsPerHour({ spacingMs: 1_000, perMinute: 80, perHour: 500 })).toBe(166);
  });

  it("takes whichever window is tightest", () => {
    expect(pullRequestsPerHour({ spacingMs: 0, perMinute: 2, perHour: 100_000 })).toBe(40);
    expect(pullRequestsPerHour({ spacingMs: 10_000, perMinute: 80, perHour: 100_000 })).toBe(120);
    expect(pullRequestsPerHour({ spacingMs: 0, perMinute: 100_000, perHour: 100_000 }, 4)).toBe(25_000);
  });

  it("counts only whole pull requests", () => {
    expect(pullRequestsPerHour({ spacingMs: 0, perMinute: 80, perHour: 2 })).toBe(0);
  });
});
