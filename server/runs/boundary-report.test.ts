import { describe, expect, it } from "vitest";
import type { EffectiveGovernance } from "../policy/effective-governance";
import { boundaryReport } from "./boundary-report";

const g: EffectiveGovernance = {
  autonomyMax: "supervised_pr", autonomyMaxFrom: "platform policy platform", allowedChangeClasses: ["dependency_patch_minor", "config_migration"], forbiddenPaths: [".github/workflows/**", "**/.env"],
  requiredVerifiers: [], approvalRequiredFor: [], egressProfile: "none", egressAllowlists: [], limits: { maxFilesChanged: 2, maxLinesChanged: 10, maxPrsPerWave: null }, sources: ["platform"],
};
const file = (path: string, added = 1, removed = 0) => ({ path, status: "modified" as const, added, removed, binary: false });

describe("boundaryReport", () => {
  it("passes a small allowed change", () => {
    const r = boundaryReport([file("package.json", 1, 1)], g, "dependency_patch_minor");
    expect(r).toMatchObject({ filesChanged: 1, linesAdded: 1, linesRemoved: 1, violations: [], changeClass: { allowed: true } });
  });
  it("names every forbidden path touched with its pattern", () => {
    const r = boundaryReport([file(".github/workflows/ci.yml"), file("svc/.env")], g, "config_migration");
    expect(r.forbiddenPathsTouched).toEqual([{ path: ".github/workflows/ci.yml", pattern: ".github/workflows/**" }, { path: "svc/.env", pattern: "**/.env" }]);
    expect(r.violations).toHaveLength(2);
  });
  it("refuses a class the policy does not allow, and changes over the limits", () => {
    const r = boundaryReport([file("a", 5, 3), file("b", 2), file("c", 1)], g, "refactor");
    expect(r.violations).toEqual([
      "change class refactor is not allowed here (allowed: dependency_patch_minor, config_migration)",
      "3 files changed, more than the limit of 2",
      "11 lines changed, more than the limit of 10",
    ]);
  });
});
