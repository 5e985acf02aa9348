// One run as its detail screen shows it: header facts, the task, the reports, artifacts (their
// hashes; content through the patch and replay downloads) and what the caller may do with it.
import { AppError } from "../core/app-error";
import type { OpContext } from "../core/op-context";
import { redact } from "../redaction/redact";
import { storedSteps } from "../verifier-profiles/verifier-profile-view";
import { isTerminal } from "./run-transitions";
import { runSummary, type RunDetail } from "./run-view";

export async function loadRunIn(ctx: OpContext, runId: string) {
  const run = await ctx.tx.run.findFirst({ where: { id: runId, tenantId: ctx.scope.tenant.id }, include: { task: true } });
  if (!run) throw new AppError("not_found", "run not found");
  return run;
}

export async function getRun(ctx: OpContext, runId: string): Promise<RunDetail> {
  const tenantId = ctx.scope.tenant.id;
  const run = await loadRunIn(ctx, runId);
  const [repo, approval, artifacts, attempts, last, feedback] = await Promise.all([
    ctx.tx.repository.findFirst({ where: { id: run.repositoryId, tenantId }, select: { id: true, owner: true, name: true, defaultBranch: true } }),
    run.approvalId ? ctx.tx.approvalRequest.findFirst({ where: { id: run.approvalId, tenantId }, select: { id: true, state: true, title: true } }) : null,
    ctx.tx.runArtifact.findMany({ where: { runId: run.id, tenantId }, select: { kind: true, sha256: true, size: true, restricted: true, createdAt: true } }),
    ctx.tx.run.findMany({ where: { taskId: run.taskId, tenantId }, orderBy: { attempt: "desc" }, select: { id: true, attempt: true, state: true }, take: 20 }),
    ctx.tx.runEvent.findFirst({ where: { runId: run.id, tenantId }, orderBy: { seq: "desc" }, select: { seq: true } }),
    run.followUpOfRunId
      ? ctx.tx.followUpRequest.findMany({ where: { runId: run.id, tenantId }, orderBy: { at: "asc" }, select: { githubLogin: true, kind: true, url: true, body: true, at: true } })
      : [],
  ]);
  const fullName = repo ? `${repo.owner}/${repo.name}` : "(removed repository)";
  const perms = ctx.scope.permissions;
  return {
    run: runSummary(run, fullName),
    // Stored exactly (the worker runs them); shown redacted like everything else.
    task: { id: run.task.id, instruction: redact(run.task.instruction), recipe: run.task.recipe === null ? null : redact(run.task.recipe), createdAt: run.task.createdAt.toISOString() },
    repository: repo ? { id: repo.id, fullName, defaultBranch: repo.defaultBranch } : null,
    verifiers: run.verifierProfile === null ? null : { profile: run.verifierProfile, steps: run.verifierSteps === null ? null : redact(storedSteps(run.verifierSteps)) },
    baseSha: run.baseSha, effectivePolicyHash: run.effectivePolicyHash, policyVersions: (run.policyVersions as Record<string, number> | null) ?? null,
    usage: { modelCalls: run.modelCalls, inputTokens: run.inputTokens, outputTokens: run.outputTokens },
    redactions: run.redactions as Record<string, number>,
    diffStats: json(run.diffStats), boundaryReport: json(run.boundaryReport), verifierReport: json(run.verifierReport), summary: run.summary,
    approval,
    artifacts: artifacts.map((a) => ({ ...a, createdAt: a.createdAt.toISOString() })),
    attempts,
    followUp: run.followUpOfRunId ? {
      ofRunId: run.followUpOfRunId, allowedPaths: run.allowedPaths,
      feedback: feedback.map((f) => ({ by: f.githubLogin, kind: f.kind, url: f.url, body: redact(f.body), at: f.at.toISOString() })),
    } : null,
    lastEventSeq: last?.seq ?? 0,
    can: {
      cancel: perms.has("run.cancel") && !isTerminal(run.state) && !run.cancelRequested,
      retry: perms.has("run.create") && isTerminal(run.state),
      downloadRestricted: perms.has("audit.read"),
    },
  };
}

const json = (v: unknown) => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null);
