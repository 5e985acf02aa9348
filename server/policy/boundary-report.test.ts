import { describe, expect, it } from "vitest";
import { boundaryReport, classRefusals, globForesight, globSample, outsideAllowedPaths, touchedInstructionFiles } from "./boundary-report";
import type { EffectiveGovernance } from "./effective-governance";

const forbidden = (pattern: string, exemptFor: string[] = [], sources = ["platform"]) => ({ pattern, sources, exemptFor });
const g: EffectiveGovernance = {
  autonomyMax: "supervised_pr", autonomyMaxFrom: null, allowedChangeClasses: ["dependency_patch_minor", "config_migration", "ci_workflow_change"],
  forbiddenPaths: [forbidden(".github/workflows/**", ["ci_workflow_change"]), forbidden("**/.env")], classPaths: { ci_workflow_change: [".github/workflows/**"] },
  requiredVerifiers: [], approvalRequiredFor: ["ci_workflow_change"], egressProfile: "none", egressAllowlists: [], limits: { maxFilesChanged: 2, maxLinesChanged: 10, maxPrsPerWave: null }, sources: ["platform"],
  publishing: { riskThreshold: 7, autonomousClasses: [], requireUpToDateBase: false, followUp: { enabled: false, maxPerChangeset: 0 }, postMergeSoakMinutes: 60, autoRevert: false, caps: { prsPerHour: null, openPerTeam: null, awaitingReviewPerTeam: null, perRepository: null } },
};
const file = (path: string, added = 1, removed = 0) => ({ path, added, removed });
const run = (changeClass: string, approved = true) => ({ changeClass, approved });

describe("boundaryReport", () => {
  it("passes a small allowed change", () => {
    const r = boundaryReport([file("package.json", 1, 1)], g, run("dependency_patch_minor"));
    expect(r).toMatchObject({ filesChanged: 1, linesAdded: 1, linesRemoved: 1, violations: [], changeClass: { allowed: true } });
  });
  it("names every forbidden path touched with its pattern and the documents that forbid it", () => {
    const r = boundaryReport([file(".github/workflows/ci.yml"), file("svc/.env")], g, run("config_migration"));
    expect(r.forbiddenPathsTouched).toEqual([
      { path: ".github/workflows/ci.yml", pattern: ".github/workflows/**", sources: ["platform"] },
      { path: "svc/.env", pattern: "**/.env", sources: ["platform"] },
    ]);
    expect(r.violations).toEqual([
      ".github/workflows/ci.yml is a forbidden path (.github/workflows/**, from platform)",
      "svc/.env is a forbidden path (**/.env, from platform)",
    ]);
  });
  it("lifts a prohibition for the exempted class only once its start was approved", () => {
    expect(boundaryReport([file(".github/workflows/ci.yml")], g, run("ci_workflow_change")).violations).toEqual([]);
    expect(boundaryReport([file(".github/workflows/ci.yml")], g, run("ci_workflow_change", false)).violations).toEqual([
      ".github/workflows/ci.yml is a forbidden path (.github/workflows/**, from platform)",
    ]);
    expect(boundaryReport([file("svc/.env")], g, run("ci_workflow_change")).violations).toHaveLength(1);
  });
  it("refuses a class the policy does not allow, and changes over the limits", () => {
    const r = boundaryReport([file("a", 5, 3), file("b", 2), file("c", 1)], g, run("refactor"));
    expect(r.violations).toEqual([
      "change class refactor is not allowed here (allowed: dependency_patch_minor, config_migration, ci_workflow_change)",
      "3 files changed, more than the limit of 2",
      "11 lines changed, more than the limit of 10",
    ]);
  });
});

describe("a follow-up run's allowed paths", () => {
  const followUp = { ...run("config_migration"), allowedPaths: ["src/index.js", "docs/a.md"] };
  it("hold every file of the diff, a rename's old name too, written however the path is spelled", () => {
    expect(outsideAllowedPaths("./src//index.js", followUp)).toBeNull();
    expect(outsideAllowedPaths("src/Index.js", followUp)).toBe("src/Index.js is outside the files this follow-up run may change (those its previous attempt changed: src/index.js, docs/a.md)");
    const r = boundaryReport([{ ...file("docs/b.md"), from: "docs/a.md", status: "renamed" as const }, { ...file("docs/a.md"), from: "src/old.js", status: "renamed" as const }], g, followUp);
    expect(r.violations).toEqual([
      "docs/b.md is outside the files this follow-up run may change (those its previous attempt changed: src/index.js, docs/a.md)",
      "src/old.js is outside the files this follow-up run may change (those its previous attempt changed: src/index.js, docs/a.md)",
    ]);
  });
  it("an empty list allows no file at all; no list leaves the run unlimited", () => {
    expect(outsideAllowedPaths("a", { ...followUp, allowedPaths: [] })).toMatch(/previous attempt changed: none\)$/);
    expect(outsideAllowedPaths("anything/at/all.js", run("config_migration"))).toBeNull();
  });
});

describe("foresight before a run", () => {
  it("a glob is forbidden outright only when a prohibition covers all of it", () => {
    const repo: EffectiveGovernance = { ...g, forbiddenPaths: [...g.forbiddenPaths, forbidden(".github/**", [], ["repo"]), forbidden("docs/*.md", [], ["repo"])] };
    expect(globForesight(repo, ".github/workflows/**", run("ci_workflow_change")).certain).toMatchObject({ pattern: ".github/**", sources: ["repo"] });
    expect(globForesight(repo, "docs/**", run("lint_fix")).partly).toEqual([
      { path: "docs/**", pattern: "**/.env", sources: ["platform"] },
      { path: "docs/**", pattern: "docs/*.md", sources: ["repo"] },
    ]);
    expect(globForesight(repo, "docs/*.md", run("lint_fix")).certain).toBeDefined();
    expect(globForesight(repo, "docs/**/*.md", run("lint_fix")).certain).toBeUndefined();
    expect(globForesight(repo, "src/*.ts", run("lint_fix"))).toEqual({ partly: [] });
  });
  it("a sample path holds no character a real path has where the glob has a wildcard", () => {
    expect(globSample("a/**/b*?.yml")).toBe("a/\u0001/\u0001/\u0001/b\u0001\u0001.yml");
  });
  it("a glob partly forbidden is a likely refusal: a directory's files and a pattern of names meet", () => {
    expect(globForesight(g, "**/*.yml", run("config_migration")).partly.map((t) => t.pattern)).toEqual([".github/workflows/**"]);
    expect(globForesight(g, "**/*.yml", run("ci_workflow_change")).partly).toEqual([]);
    expect(globForesight(g, "services/**", run("ci_workflow_change")).partly.map((t) => t.pattern)).toEqual(["**/.env"]);
    expect(globForesight(g, "src/*.ts", run("config_migration")).partly).toEqual([]);
  });
  it("a class whose paths stay forbidden can never succeed; one exempted here passes", () => {
    expect(classRefusals(g, run("ci_workflow_change"))).toEqual([]);
    expect(classRefusals(g, run("ci_workflow_change", false))).toEqual([
      "ci_workflow_change exists to change .github/workflows/**, which stays forbidden here (its exemption applies only to a run whose start was approved, and the policy asks no approval here): .github/workflows/**, from platform",
    ]);
    const repo: EffectiveGovernance = { ...g, forbiddenPaths: [forbidden(".github/workflows/**", [], ["platform", "repo"]), forbidden("**/.env")] };
    expect(classRefusals(repo, run("ci_workflow_change"))).toEqual([expect.stringContaining("from platform, repo")]);
    expect(classRefusals(g, run("lint_fix"))).toEqual([]);
  });
});

describe("boundaryReport: renames and agent-instruction files", () => {
  const c = (p: string) => ({ ...file(p), status: "modified" as const, binary: false });
  const wide = { ...g, limits: { ...g.limits, maxFilesChanged: null } };
  it("names a forbidden path a file was renamed away from", () => {
    const r = boundaryReport([{ path: "ci-old.yml", from: "svc/.env", status: "renamed", added: 0, removed: 0 }], g, run("config_migration"));
    expect(r.forbiddenPathsTouched).toEqual([{ path: "svc/.env", pattern: "**/.env", sources: ["platform"] }]);
  });
  it("refuses every agent-instruction file changed without approval: at any depth, deleted, renamed away", () => {
    const files = [
      c("AGENTS.md"), c("svc/agents.md"), { ...c("CLAUDE.md"), status: "deleted" as const },
      { path: "docs/old-rules.md", from: ".cursor/rules/a.mdc", status: "renamed" as const, added: 0, removed: 0 },
    ];
    const r = boundaryReport(files.slice(0, 2), wide, run("config_migration"));
    expect(r.violations).toEqual([
      "AGENTS.md is an agent-instruction file (AGENTS.md (Codex, Copilot, Cursor, Jules, Amp, Zed and the agents.md convention)) modified without an approved write_file",
      "svc/agents.md is an agent-instruction file (AGENTS.md (Codex, Copilot, Cursor, Jules, Amp, Zed and the agents.md convention)) modified without an approved write_file",
    ]);
    expect(touchedInstructionFiles(files).map((x) => [x.path, x.status, x.approved])).toEqual([
      ["AGENTS.md", "modified", false], ["svc/agents.md", "modified", false], ["CLAUDE.md", "deleted", false], ["docs/old-rules.md", "renamed", false],
    ]);
    const renamed = boundaryReport(files.slice(3), g, run("config_migration"));
    expect(renamed.violations).toEqual(["docs/old-rules.md from .cursor/rules/a.mdc is an agent-instruction file (.cursor/ (Cursor rules)) renamed without an approved write_file"]);
  });
  it("passes an instruction file whose change was approved", () => {
    const r = boundaryReport([c("AGENTS.md")], g, run("config_migration"), [{ path: "AGENTS.md", status: "modified", kind: "AGENTS.md", approved: true }]);
    expect(r.violations).toEqual([]);
    expect(r.instructionFilesChanged).toEqual([{ path: "AGENTS.md", status: "modified", kind: "AGENTS.md", approved: true }]);
  });
  it("passes ordinary files that only mention agents", () => {
    expect(boundaryReport([c("src/agents.ts")], g, run("config_migration")).instructionFilesChanged).toEqual([]);
  });
});
