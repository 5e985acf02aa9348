// After the agent: the diff against the base, its boundary report, the verifiers, and the patch
// artifact (none for analysis_only, which ends with its report). A boundary violation fails the run as policy_denied and keeps the patch as restricted
// evidence; a failing or missing required verifier fails it as verifier_failed. Each verifier step's
// cost is held against the run's budgets before it runs: a hard budget without room ends the run as
// budget_exhausted (RunInterrupted, for the worker), or makes it wait for a raise.
import { createHash } from "node:crypto";
import { db, type Tx } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { runVerifiers } from "../sandbox/run-verifiers";
import { workspaceDiff } from "../sandbox/workspace-diff";
import { workspacePath } from "../sandbox/prepare-workspace";
import { RunInterrupted } from "../agent/types";
import { boundaryReport } from "../policy/boundary-report";
import { runVerifierSnapshot } from "../verifier-profiles/snapshot-verifier-profile";
import { holdRunResource, underHold } from "./hold-run-resource";
import { instructionChanges } from "./instruction-changes";
import { appendRunEvent } from "./run-events";
import type { RunContext } from "./run-context";
import { transitionRun } from "./run-transitions";

/** Fences a write by the lease: a worker that lost the run (another took it over) writes nothing. */
async function holdLease(tx: Tx, runId: string, owner: string): Promise<void> {
  const held = await tx.$queryRaw<unknown[]>`SELECT 1 FROM "Run" WHERE id = ${runId} AND "leaseOwner" = ${owner} FOR UPDATE`;
  if (!held.length) throw new RunInterrupted("stopped", "the run's lease was lost");
}

export async function finishRun(run: RunContext, owner: string, baseSha: string, signal: AbortSignal): Promise<string> {
  const dir = workspacePath(run.id);
  const diff = await workspaceDiff(dir, baseSha);
  const boundaryRun = { changeClass: run.taskClass, approved: run.startApproved, allowedPaths: run.followUp?.allowedPaths ?? null };
  const report = boundaryReport(diff.files, run.governance, boundaryRun, await instructionChanges(run, dir, diff.files));
  const stats = { files: report.filesChanged, added: report.linesAdded, removed: report.linesRemoved };
  const restricted = report.violations.length > 0;
  // analysis_only ends with a report (the summary and these figures): no patch is kept or verified.
  const analysis = run.task.autonomy === "analysis_only";
  await db.$transaction(async (tx) => {
    await holdLease(tx, run.id, owner);
    await tx.run.update({ where: { id: run.id }, data: { diffStats: stats, boundaryReport: report as unknown as Prisma.InputJsonObject } });
    // Artifacts are append-only evidence. A run restarted after a crash in verifying may already have
    // its patch: the same patch again is kept as it is; a different one cannot replace it.
    if (diff.patch && !analysis) {
      const sha256 = createHash("sha256").update(diff.patch).digest("hex");
      const earlier = await tx.runArtifact.findUnique({ where: { runId_kind: { runId: run.id, kind: "patch" } }, select: { sha256: true } });
      if (earlier && earlier.sha256 !== sha256) throw new Error(`an earlier attempt of this run stored a different patch (${earlier.sha256.slice(0, 12)}); retry the run for a fresh one`);
      if (!earlier) await tx.runArtifact.create({ data: { tenantId: run.tenantId, runId: run.id, kind: "patch", content: diff.patch, size: Buffer.byteLength(diff.patch), sha256, restricted } });
    }
  });
  const fail = (failureClass: "policy_denied" | "verifier_failed" | "agent_error", cause: string) =>
    db.$transaction((tx) => transitionRun(tx, run.id, { to: "failed", failureClass, cause, leaseOwner: owner })).then(() => `failed: ${cause}`);
  if (restricted) return fail("policy_denied", `the change breaks the policy's boundary: ${report.violations.join("; ")}`);
  if (analysis) {
    await db.$transaction((tx) => transitionRun(tx, run.id, {
      to: "succeeded", leaseOwner: owner, cause: `analysis only: a report; the workspace's change (${stats.files} file(s)) is not kept`,
    }));
    return "succeeded";
  }
  if (!diff.files.length) return fail("agent_error", "the agent finished without changing anything");

  if (signal.aborted) throw new RunInterrupted("stopped", String(signal.reason));
  // The profile as the run was admitted with it, not as it may have been edited since.
  // Each step's time limit is held against the run's budgets first (a refusal ends or pauses the run).
  const verification = await runVerifiers(dir, runVerifierSnapshot(run), {
    around: async (step, exec) => {
      const hold = await holdRunResource(run, owner, { kind: "verifier", limitMs: step.timeoutSeconds * 1000, what: `verifier step ${step.name}` });
      return underHold(hold, exec, (r) => r.durationMs);
    },
  });
  const ran = new Set(verification.results.map((r) => r.name));
  const missing = run.governance.requiredVerifiers.filter((v) => !ran.has(v));
  await db.$transaction(async (tx) => {
    await holdLease(tx, run.id, owner);
    await tx.run.update({ where: { id: run.id }, data: { verifierReport: verification as unknown as Prisma.InputJsonObject } });
    for (const r of verification.results) {
      await appendRunEvent(tx, run, { kind: "verifier", message: `${r.name}: ${r.passed ? "passed" : "failed"}${r.limit === "wall" ? ` (stopped at its ${r.timeoutSeconds} s time limit)` : r.limit ? ` (${r.limit} limit)` : ""}`, data: { ...r } });
    }
  });
  if (signal.aborted) throw new RunInterrupted("stopped", String(signal.reason));
  const failed = verification.results.filter((r) => !r.passed);
  if (failed.length) return fail("verifier_failed", `verifier ${failed.map((r) => r.name).join(", ")} failed`);
  if (missing.length) return fail("verifier_failed", `required verifier${missing.length > 1 ? "s" : ""} ${missing.join(", ")} (${run.governance.sources.join(", ")}) not in profile ${verification.profile}`);
  await db.$transaction((tx) => transitionRun(tx, run.id, {
    to: "succeeded", leaseOwner: owner,
    cause: `patch of ${stats.files} file(s), +${stats.added} −${stats.removed}; verifiers ${verification.results.map((r) => r.name).join(", ") || "none"} passed`,
  }));
  return "succeeded";
}
