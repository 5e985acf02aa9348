import { describe, expect, it } from "vitest";
import { compilePolicySet } from "./compile";
import type { Governance, Level, PolicyDocument } from "./document-schema";
import { effectiveGovernance } from "./effective-governance";

const doc = (name: string, level: Level, governance: Governance, target?: string): PolicyDocument => ({
  apiVersion: "fleetgate/v1", kind: "Policy", metadata: { name, level, ...(target ? { target } : {}) }, rules: [], governance,
});

const set = compilePolicySet([
  { document: doc("platform", "platform", {
    autonomy_max: "supervised_pr", forbidden_paths: [".github/workflows/**"], required_verifiers: ["lint"],
    allowed_change_classes: ["lint_fix", "dependency_minor_upgrade", "docs"], egress_profile: "package_registries",
    limits: { max_files_changed: 50, max_prs_per_wave: 20 },
  }) },
  { document: doc("tenant", "tenant", { forbidden_paths: ["db/**"], egress_allowlist: ["*.acme.dev"], approval: { required_for: ["dependency_major_upgrade"] }, limits: { max_files_changed: 80 } }) },
  { document: doc("payments", "repository", {
    autonomy_max: "draft_pr", allowed_change_classes: ["lint_fix", "docs", "refactor"], egress_profile: "none", required_verifiers: ["node-test"],
    egress_allowlist: ["api.acme.dev"],
  }, "payment-service") },
]);

describe("effectiveGovernance", () => {
  it("combines every applicable level most-restrictively", () => {
    expect(effectiveGovernance(set, { repository: "payment-service" })).toEqual({
      autonomyMax: "draft_pr",
      autonomyMaxFrom: "repository policy payments",
      allowedChangeClasses: ["lint_fix", "docs"],
      forbiddenPaths: [{ pattern: ".github/workflows/**", sources: ["platform"], exemptFor: [] }, { pattern: "db/**", sources: ["tenant"], exemptFor: [] }],
      classPaths: {},
      requiredVerifiers: ["lint", "node-test"],
      approvalRequiredFor: ["dependency_major_upgrade"],
      egressProfile: "none",
      egressAllowlists: [["*.acme.dev"], ["api.acme.dev"]],
      limits: { maxFilesChanged: 50, maxLinesChanged: null, maxPrsPerWave: 20 },
      publishing: { riskThreshold: 7, autonomousClasses: [], requireUpToDateBase: false, followUp: { enabled: false, maxPerChangeset: 1 }, postMergeSoakMinutes: 60, autoRevert: false, caps: { prsPerHour: null, openPerTeam: null, awaitingReviewPerTeam: null, perRepository: null } },
      sources: ["platform", "tenant", "payments"],
    });
  });

  it("combines publishing most-restrictively: the lowest threshold, classes every level lists, an up-to-date base if any asks", () => {
    const g = effectiveGovernance(compilePolicySet([
      { document: doc("platform", "platform", { publishing: { risk_threshold: 7, autonomous_classes: ["docs_update", "test_generation"] } }) },
      { document: doc("tenant", "tenant", { publishing: { risk_threshold: 5.5, autonomous_classes: ["docs_update", "refactor"], require_up_to_date_base: true } }) },
      { document: doc("web", "repository", { publishing: { risk_threshold: 9 } }, "web") },
    ]), { repository: "web" });
    expect(g.publishing).toEqual({ riskThreshold: 5.5, autonomousClasses: ["docs_update"], requireUpToDateBase: true, followUp: { enabled: false, maxPerChangeset: 1 }, postMergeSoakMinutes: 60, autoRevert: false, caps: { prsPerHour: null, openPerTeam: null, awaitingReviewPerTeam: null, perRepository: null } });
  });

  it("watches a merge for the longest soak any level asks, and reverts on its own only when every level that speaks says yes", () => {
    const platform = doc("platform", "platform", { publishing: { post_merge_soak_minutes: 30, auto_revert: true } });
    const health = (...docs: ReturnType<typeof doc>[]) => {
      const p = effectiveGovernance(compilePolicySet(docs.map((document) => ({ document }))), { repository: "web" }).publishing;
      return { soak: p.postMergeSoakMinutes, auto: p.autoRevert };
    };
    expect(health(platform)).toEqual({ soak: 30, auto: true });
    expect(health(platform, doc("tenant", "tenant", { publishing: { post_merge_soak_minutes: 120 } }))).toEqual({ soak: 120, auto: true });
    // A shorter soak below does not shorten it; one level saying no is no.
    expect(health(platform, doc("web", "repository", { publishing: { post_merge_soak_minutes: 5, auto_revert: false } }, "web"))).toEqual({ soak: 30, auto: false });
    expect(health(platform, doc("api", "repository", { publishing: { auto_revert: false } }, "api"))).toEqual({ soak: 30, auto: true });
    expect(health()).toEqual({ soak: 60, auto: false });
  });

  it("keeps the lowest PR-storm cap of every applicable level; the hourly budget only from the platform and tenant", () => {
    const set = compilePolicySet([
      { document: doc("platform", "platform", { publishing: { caps: { prs_per_hour: { rate: 60, burst: 20 }, open_per_team: 20, awaiting_review_per_team: 10, per_repository: 3 } } }) },
      { document: doc("tenant", "tenant", { publishing: { caps: { prs_per_hour: { rate: 100, burst: 5 }, open_per_team: 8 } } }) },
      { document: doc("payments", "team", { publishing: { caps: { awaiting_review_per_team: 4 } } }, "payments") },
      { document: doc("api", "repository", { publishing: { caps: { per_repository: 1, open_per_team: 12 } } }, "api") },
    ]);
    expect(effectiveGovernance(set, { team: "payments", repository: "api" }).publishing.caps).toEqual({ prsPerHour: { rate: 60, burst: 5 }, openPerTeam: 8, awaitingReviewPerTeam: 4, perRepository: 1 });
    expect(effectiveGovernance(set, { team: "web", repository: "site" }).publishing.caps).toEqual({ prsPerHour: { rate: 60, burst: 5 }, openPerTeam: 8, awaitingReviewPerTeam: 10, perRepository: 3 });
  });

  it("allows follow-up runs only when every level that speaks says yes, up to the lowest maximum", () => {
    const platform = doc("platform", "platform", { publishing: { follow_up_on_review: { enabled: true, max_per_changeset: 3 } } });
    const follow = (...docs: ReturnType<typeof doc>[]) => effectiveGovernance(compilePolicySet(docs.map((document) => ({ document }))), { repository: "web" }).publishing.followUp;
    expect(follow(platform)).toEqual({ enabled: true, maxPerChangeset: 3 });
    expect(follow(platform, doc("tenant", "tenant", { publishing: { follow_up_on_review: { max_per_changeset: 1 } } }))).toEqual({ enabled: true, maxPerChangeset: 1 });
    expect(follow(platform, doc("web", "repository", { publishing: { follow_up_on_review: { enabled: false } } }, "web"))).toEqual({ enabled: false, maxPerChangeset: 3 });
    // A maximum of zero is off, whatever enabled says; a policy that says nothing allows none.
    expect(follow(platform, doc("web", "repository", { publishing: { follow_up_on_review: { enabled: true, max_per_changeset: 0 } } }, "web"))).toEqual({ enabled: false, maxPerChangeset: 0 });
    expect(follow()).toEqual({ enabled: false, maxPerChangeset: 1 });
  });

  it("leaves out documents that target another place", () => {
    const g = effectiveGovernance(set, { repository: "docs-site" });
    expect(g).toMatchObject({ autonomyMax: "supervised_pr", autonomyMaxFrom: "platform policy platform" });
    expect(g.egressProfile).toBe("package_registries");
    expect(g.sources).toEqual(["platform", "tenant"]);
  });

  it("is fully open only when no document says anything", () => {
    const g = effectiveGovernance(compilePolicySet([]), {});
    expect(g).toMatchObject({ autonomyMax: "fleet_campaign", allowedChangeClasses: null, egressProfile: "open", forbiddenPaths: [], classPaths: {} });
  });

  it("lifts a forbidden path for a class only when every document forbidding it exempts the class", () => {
    const exempting = (name: string, level: Level, target?: string) => doc(name, level, {
      forbidden_paths: [".github/workflows/**"], forbidden_path_exemptions: { ci_workflow_change: [".github/workflows/**"] },
      approval: { required_for: ["ci_workflow_change"] },
    }, target);
    const platform = exempting("platform", "platform");
    const lifted = effectiveGovernance(compilePolicySet([{ document: platform }, { document: exempting("web", "repository", "web-frontend") }]), { repository: "web-frontend" });
    expect(lifted.forbiddenPaths).toEqual([{ pattern: ".github/workflows/**", sources: ["platform", "web"], exemptFor: ["ci_workflow_change"] }]);
    expect(lifted.classPaths).toEqual({ ci_workflow_change: [".github/workflows/**"] });
    const outright = doc("payments", "repository", { forbidden_paths: [".github/workflows/**"] }, "payment-service");
    const kept = effectiveGovernance(compilePolicySet([{ document: platform }, { document: outright }]), { repository: "payment-service" });
    expect(kept.forbiddenPaths).toEqual([{ pattern: ".github/workflows/**", sources: ["platform", "payments"], exemptFor: [] }]);
    expect(kept.classPaths).toEqual({ ci_workflow_change: [".github/workflows/**"] });
  });
});
