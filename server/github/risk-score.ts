// A publication's risk score: 0 to 10, computed from facts, each part shown with its points and why
// (seed document 001: at or above the threshold, 7.0 by default, a PR needs human review and is never
// merged automatically). Pure: the same facts always give the same score, so it can be stored, audited
// and recomputed for review.
import { isAgentInstructionFile } from "../policy/agent-instruction-files";
import { DEFAULT_RISK_THRESHOLD } from "../policy/document-schema";
import type { RISK_TIERS } from "../repositories/repository-view";
import type { TASK_CLASSES } from "../runs/task-input";

type TaskClass = (typeof TASK_CLASSES)[number];
type RiskTier = (typeof RISK_TIERS)[number];

export const RISK_MAX = 10;

/** What a model reviewer may add, in a strict shape (validated where it is parsed). */
export type ModelReview = { securityFindings: { severity: "low" | "medium" | "high" | "critical"; summary: string }[]; breakingChanges: string[]; rationale: string };

export type RiskFacts = {
  riskTier: RiskTier;
  taskClass: TaskClass;
  changedPaths: readonly string[];
  linesAdded: number;
  linesRemoved: number;
  verifier: "passed" | "failed" | "none";
  /** Tool calls that needed a human's approval during the run. */
  approvalsNeeded: number;
  promptInjectionSignals: number;
  review?: ModelReview | null;
};

export type RiskPart = { fact: string; points: number; why: string };
export type RiskLevel = "low" | "medium" | "high";
export type RiskScore = { score: number; level: RiskLevel; threshold: number; needsHumanReview: boolean; reviewBecause: string | null; parts: RiskPart[] };

const TIER_POINTS: Record<RiskTier, number> = { low: 0, standard: 1, high: 2.5, regulated: 3.5, critical: 4.5 };

const CLASS_POINTS: Record<TaskClass, number> = {
  docs_update: 0, test_generation: 0.5, dependency_patch_minor: 1, config_migration: 1.5, refactor: 1.5,
  dependency_major_upgrade: 2.5, ci_workflow_change: 2.5,
};

/** Paths whose change matters beyond its size, most serious first; each kind counts once. */
const SENSITIVE_PATHS: { kind: string; points: number; test: (p: string) => boolean }[] = [
  { kind: "CI workflows", points: 2, test: (p) => /^\.github\/workflows\//.test(p) || /(^|\/)(\.gitlab-ci\.yml|Jenkinsfile|\.circleci\/)/.test(p) },
  { kind: "production infrastructure or deployment", points: 2, test: (p) => /(^|\/)(infra|deploy|deployment|terraform|helm|k8s|kubernetes)(\/|$)/i.test(p) },
  { kind: "database migrations", points: 1.5, test: (p) => /(^|\/)migrations?\//i.test(p) },
  { kind: "authentication or security code", points: 1.5, test: (p) => /(^|\/)(auth|security|crypto|permissions?|iam)(\/|[._-])/i.test(p) },
  { kind: "agent instruction files", points: 1.5, test: (p) => isAgentInstructionFile(p) },
  { kind: "dependency manifests or lock files", points: 0.5, test: (p) => /(^|\/)(package(-lock)?\.json|yarn\.lock|pnpm-lock\.yaml|go\.(mod|sum)|Cargo\.(toml|lock)|requirements[^/]*\.txt|poetry\.lock|Gemfile(\.lock)?|pom\.xml|build\.gradle(\.kts)?)$/.test(p) },
];
const SENSITIVE_CAP = 3;

const SEVERITY_POINTS = { low: 0.25, medium: 1, high: 2, critical: 3 } as const;
const REVIEW_CAP = 3;

const round1 = (n: number) => Math.round(n * 10) / 10;

/** high at or above the threshold, medium from half of it, low below (7.0: low < 3.5 <= medium < 7 <= high). */
export function riskLevel(score: number, threshold = DEFAULT_RISK_THRESHOLD): RiskLevel {
  return score >= threshold ? "high" : score >= threshold / 2 ? "medium" : "low";
}

/** The scores of a level, as a range to filter stored scores with: gte inclusive, lt exclusive. */
export function riskLevelRange(level: RiskLevel, threshold = DEFAULT_RISK_THRESHOLD): { gte?: number; lt?: number } {
  return level === "high" ? { gte: threshold } : level === "medium" ? { gte: threshold / 2, lt: threshold } : { lt: threshold / 2 };
}

/** Diff size on a log scale: 10 lines 0, 100 lines 1, 1,000 lines 1.9, capped at 2. */
function sizePoints(lines: number): number {
  return round1(Math.min(2, Math.max(0, Math.log10(Math.max(lines, 1)) - 1) * 0.95));
}

export function riskScore(f: RiskFacts, threshold = DEFAULT_RISK_THRESHOLD): RiskScore {
  const parts: RiskPart[] = [
    { fact: "repository tier", points: TIER_POINTS[f.riskTier], why: `the repository is ${f.riskTier} risk` },
    { fact: "change class", points: CLASS_POINTS[f.taskClass], why: `a ${f.taskClass.replaceAll("_", " ")}` },
  ];
  const sensitive = SENSITIVE_PATHS.filter((s) => f.changedPaths.some(s.test));
  if (sensitive.length) {
    const points = Math.min(SENSITIVE_CAP, sensitive.reduce((n, s) => n + s.points, 0));
    parts.push({ fact: "paths touched", points, why: `changes ${sensitive.map((s) => s.kind).join(", ")}` });
  }
  const lines = f.linesAdded + f.linesRemoved;
  parts.push({ fact: "diff size", points: sizePoints(lines), why: `${lines} lines in ${f.changedPaths.length} file${f.changedPaths.length === 1 ? "" : "s"}` });
  parts.push(f.verifier === "passed"
    ? { fact: "verifiers", points: 0, why: "the verifier profile passed" }
    : f.verifier === "failed"
      ? { fact: "verifiers", points: 3, why: "the verifier profile failed" }
      : { fact: "verifiers", points: 1.5, why: "no verifier ran" });
  if (f.approvalsNeeded > 0) {
    parts.push({ fact: "approvals during the run", points: Math.min(1.5, 0.5 * f.approvalsNeeded), why: `${f.approvalsNeeded} step${f.approvalsNeeded === 1 ? "" : "s"} needed a human's approval` });
  }
  if (f.promptInjectionSignals > 0) {
    parts.push({ fact: "prompt-injection signals", points: 1.5, why: `${f.promptInjectionSignals} instruction-like text${f.promptInjectionSignals === 1 ? "" : "s"} addressed to the agent in what it read` });
  }
  if (f.review) {
    const security = Math.min(REVIEW_CAP, f.review.securityFindings.reduce((n, s) => n + SEVERITY_POINTS[s.severity], 0));
    if (security > 0) parts.push({ fact: "model review: security", points: security, why: f.review.securityFindings.map((s) => `${s.severity}: ${s.summary}`).join("; ") });
    if (f.review.breakingChanges.length) parts.push({ fact: "model review: breaking changes", points: 1.5, why: f.review.breakingChanges.join("; ") });
  }
  const score = round1(Math.min(RISK_MAX, parts.reduce((n, p) => n + p.points, 0)));
  // Some facts need a human however low the sum: a critical repository, failing verifiers, a critical finding.
  const reviewBecause = score >= threshold ? `the risk score ${score} is at or above the threshold ${threshold}`
    : f.riskTier === "critical" ? "the repository is critical"
      : f.verifier === "failed" ? "the verifier profile failed"
        : f.review?.securityFindings.some((s) => s.severity === "critical") ? "the model review found a critical security issue"
          : null;
  return {
    score,
    level: riskLevel(score, threshold),
    threshold,
    needsHumanReview: reviewBecause !== null,
    reviewBecause,
    parts,
  };
}
