// Words and colours for run states, task classes, autonomy levels and failures.
import type { Tone } from "../ui/badge";
import { humanize } from "../ui/humanize";
import type { RunState } from "./types";

export const RUN_STATES: RunState[] = ["queued", "preparing", "running", "verifying", "awaiting_approval", "succeeded", "failed", "cancelled"];
export const OPEN_STATES: RunState[] = ["queued", "preparing", "running", "verifying", "awaiting_approval"];

export const STATE_TONE: Record<RunState, Tone> = {
  queued: "neutral", preparing: "sky", running: "sky", verifying: "violet", awaiting_approval: "amber", succeeded: "green", failed: "red", cancelled: "neutral",
};
export const stateLabel = (s: string) => (s === "awaiting_approval" ? "Awaiting approval" : humanize(s));
export const isOpen = (s: string) => (OPEN_STATES as string[]).includes(s);

export const TASK_CLASSES = [
  "dependency_patch_minor", "dependency_major_upgrade", "config_migration", "test_generation", "docs_update", "refactor", "ci_workflow_change",
] as const;
const TASK_CLASS_LABELS: Record<string, string> = {
  dependency_patch_minor: "Dependency patch/minor bump",
  dependency_major_upgrade: "Major dependency upgrade",
  config_migration: "Config migration",
  test_generation: "Test generation",
  docs_update: "Docs update",
  refactor: "Refactor",
  ci_workflow_change: "CI workflow change",
};
export const taskClassLabel = (c: string) => TASK_CLASS_LABELS[c] ?? humanize(c);

export const AUTONOMY_LEVELS = ["analysis_only", "dry_run_patch", "local_branch", "draft_pr", "supervised_pr", "autonomous_pr", "fleet_campaign"] as const;
const AUTONOMY_HINTS: Record<string, string> = {
  analysis_only: "reads and reports, changes nothing",
  dry_run_patch: "produces a patch, pushes nothing",
  local_branch: "commits to a local branch",
  draft_pr: "opens a draft pull request",
  supervised_pr: "opens a pull request for review",
  autonomous_pr: "opens and may merge its pull request",
  fleet_campaign: "runs across many repositories",
};
const AUTONOMY_LABELS: Record<string, string> = {
  analysis_only: "Analysis only", dry_run_patch: "Dry-run patch", local_branch: "Local branch", draft_pr: "Draft PR",
  supervised_pr: "Supervised PR", autonomous_pr: "Autonomous PR", fleet_campaign: "Fleet campaign",
};
export const autonomyLabel = (a: string) => AUTONOMY_LABELS[a] ?? humanize(a);
export const autonomyHint = (a: string) => AUTONOMY_HINTS[a] ?? "";

const FAILURE_LABELS: Record<string, string> = {
  infrastructure: "Infrastructure", policy_denied: "Denied by policy", verifier_failed: "Verifier failed", budget_exhausted: "Budget exhausted",
  timeout: "Timed out", cancelled: "Cancelled", agent_error: "Agent error",
};
export const failureLabel = (f: string) => FAILURE_LABELS[f] ?? humanize(f);
