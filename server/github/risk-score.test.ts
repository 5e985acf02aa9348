import { describe, expect, it } from "vitest";
import { riskLevel, riskLevelRange, riskScore, type RiskFacts } from "./risk-score";

const base: RiskFacts = {
  riskTier: "low", taskClass: "docs_update", changedPaths: ["docs/intro.md"], linesAdded: 6, linesRemoved: 2,
  verifier: "passed", approvalsNeeded: 0, promptInjectionSignals: 0,
};

describe("riskScore", () => {
  it("a small verified docs change on a low-risk repository scores 0 and needs no human", () => {
    const r = riskScore(base);
    expect(r).toMatchObject({ score: 0, level: "low", threshold: 7, needsHumanReview: false, reviewBecause: null });
    expect(r.parts.map((p) => p.fact)).toEqual(["repository tier", "change class", "diff size", "verifiers"]);
  });

  it("is the sum of its parts, each with its points and why, capped at 10", () => {
    const r = riskScore({
      ...base, riskTier: "regulated", taskClass: "ci_workflow_change", changedPaths: [".github/workflows/ci.yml", "infra/prod/main.tf", "AGENTS.md"],
      linesAdded: 400, linesRemoved: 200, verifier: "none", approvalsNeeded: 2, promptInjectionSignals: 1,
    });
    expect(r.parts).toContainEqual({ fact: "paths touched", points: 3, why: "changes CI workflows, production infrastructure or deployment, agent instruction files" });
    expect(r.parts).toContainEqual({ fact: "approvals during the run", points: 1, why: "2 steps needed a human's approval" });
    expect(r.score).toBe(10);
    expect(r).toMatchObject({ level: "high", needsHumanReview: true, reviewBecause: "the risk score 10 is at or above the threshold 7" });
  });

  it("grows with the diff on a log scale, at most 2 points", () => {
    const size = (lines: number) => riskScore({ ...base, linesAdded: lines, linesRemoved: 0 }).parts.find((p) => p.fact === "diff size")!.points;
    expect([size(5), size(100), size(1000), size(1_000_000)]).toEqual([0, 1, 1.9, 2]);
  });

  it("takes the policy's threshold: the same facts cross a lower one", () => {
    const facts: RiskFacts = { ...base, riskTier: "high", taskClass: "dependency_major_upgrade", changedPaths: ["package.json", "package-lock.json"], linesAdded: 80, linesRemoved: 40 };
    expect(riskScore(facts).score).toBe(6.5);
    expect(riskScore(facts).needsHumanReview).toBe(false);
    expect(riskScore(facts, 5)).toMatchObject({ level: "high", needsHumanReview: true });
  });

  it.each([
    [{ riskTier: "critical" as const }, "the repository is critical"],
    [{ verifier: "failed" as const }, "the verifier profile failed"],
    [{ review: { securityFindings: [{ severity: "critical" as const, summary: "token logged" }], breakingChanges: [], rationale: "r" } }, "the model review found a critical security issue"],
  ])("needs a human however low the score when %o", (change, because) => {
    const r = riskScore({ ...base, ...change });
    expect(r.score).toBeLessThan(7);
    expect(r).toMatchObject({ needsHumanReview: true, reviewBecause: because });
  });

  it("adds a model review's findings and breaking changes", () => {
    const r = riskScore({ ...base, review: { securityFindings: [{ severity: "high", summary: "SQL built from input" }, { severity: "low", summary: "verbose log" }], breakingChanges: ["removes the v1 endpoint"], rationale: "r" } });
    expect(r.parts.slice(-2)).toEqual([
      { fact: "model review: security", points: 2.25, why: "high: SQL built from input; low: verbose log" },
      { fact: "model review: breaking changes", points: 1.5, why: "removes the v1 endpoint" },
    ]);
    expect(r.score).toBe(3.8);
  });
});

describe("riskLevel and riskLevelRange", () => {
  it("band the score as riskScore does: low < threshold/2 <= medium < threshold <= high", () => {
    expect([0, 3.4, 3.5, 6.9, 7, 10].map((s) => riskLevel(s))).toEqual(["low", "low", "medium", "medium", "high", "high"]);
    expect([2.4, 2.5, 5].map((s) => riskLevel(s, 5))).toEqual(["low", "medium", "high"]);
  });

  it("give each level the range of scores a stored score is filtered with, agreeing with riskLevel", () => {
    expect(riskLevelRange("low")).toEqual({ lt: 3.5 });
    expect(riskLevelRange("medium")).toEqual({ gte: 3.5, lt: 7 });
    expect(riskLevelRange("high")).toEqual({ gte: 7 });
    const inRange = (s: number, r: { gte?: number; lt?: number }) => (r.gte === undefined || s >= r.gte) && (r.lt === undefined || s < r.lt);
    for (let s = 0; s <= 10; s = Math.round((s + 0.1) * 10) / 10) {
      expect((["low", "medium", "high"] as const).filter((l) => inRange(s, riskLevelRange(l))), `score ${s}`).toEqual([riskLevel(s)]);
    }
  });
});
