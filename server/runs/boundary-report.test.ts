import { describe, expect, it } from "vitest";
import type { EffectiveGovernance } from "../policy/effective-governance";
import { boundaryReport, touchedInstructionFiles } from "./boundary-report";

const g: EffectiveGovernance = {
  autonomyMax: "supervised_pr", allowedChangeClasses: ["dependency_patch_minor", "config_migration"], forbiddenPaths: [".github/workflows/**", "**/.env"],
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
  it("names a forbidden path a file was renamed away from", () => {
    const r = boundaryReport([{ path: "ci-old.yml", from: ".github/workflows/ci.yml", status: "renamed", added: 0, removed: 0, binary: false }], g, "config_migration");
    expect(r.forbiddenPathsTouched).toEqual([{ path: ".github/workflows/ci.yml", pattern: ".github/workflows/**" }]);
  });
  it("refuses every agent-instruction file changed without approval: at any depth, deleted, renamed away", () => {
    const files = [
      file("AGENTS.md"), file("svc/agents.md"), { ...file("CLAUDE.md"), status: "deleted" as const },
      { path: "docs/old-rules.md", from: ".cursor/rules/a.mdc", status: "renamed" as const, added: 0, removed: 0, binary: false },
    ];
    const r = boundaryReport(files.slice(0, 2), { ...g, limits: { ...g.limits, maxFilesChanged: null } }, "config_migration");
    expect(r.violations).toEqual([
      "AGENTS.md is an agent-instruction file (AGENTS.md (Codex, Copilot, Cursor, Jules, Amp, Zed and the agents.md convention)) modified without an approved write_file",
      "svc/agents.md is an agent-instruction file (AGENTS.md (Codex, Copilot, Cursor, Jules, Amp, Zed and the agents.md convention)) modified without an approved write_file",
    ]);
    expect(touchedInstructionFiles(files).map((c) => [c.path, c.status, c.approved])).toEqual([
      ["AGENTS.md", "modified", false], ["svc/agents.md", "modified", false], ["CLAUDE.md", "deleted", false], ["docs/old-rules.md", "renamed", false],
    ]);
    const renamed = boundaryReport(files.slice(3), g, "config_migration");
    expect(renamed.violations).toEqual(["docs/old-rules.md from .cursor/rules/a.mdc is an agent-instruction file (.cursor/ (Cursor rules)) renamed without an approved write_file"]);
  });
  it("passes an instruction file whose change was approved", () => {
    const r = boundaryReport([file("AGENTS.md")], g, "config_migration", [{ path: "AGENTS.md", status: "modified", kind: "AGENTS.md", approved: true }]);
    expect(r.violations).toEqual([]);
    expect(r.instructionFilesChanged).toEqual([{ path: "AGENTS.md", status: "modified", kind: "AGENTS.md", approved: true }]);
  });
  it("passes ordinary files that only mention agents", () => {
    expect(boundaryReport([file("src/agents.ts")], g, "config_migration").instructionFilesChanged).toEqual([]);
  });
});
