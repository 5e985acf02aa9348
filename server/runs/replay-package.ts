// A run's replay package: everything needed to understand or repeat it, as one JSON file. The task,
// the effective policy (hash and versions), the base SHA, every tool call with its redacted result
// and decision, the prompt-injection signals, the decision records, approvals and votes, the verifier
// profile it was admitted with and the verifiers' output, model usage and the diff. Everything in it was redacted when stored or is redacted here;
// its digest covers the rest.
import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import { actorLabel } from "../authz/scope";
import { AppError } from "../core/app-error";
import type { OpContext } from "../core/op-context";
import { JsonDownload } from "../http/respond";
import { redact } from "../redaction/redact";
import { getRun } from "./get-run";
import { readRunPatch } from "./get-run-patch";
import { hidesWrittenContent, shownEvent } from "./list-run-events";
import { REPLAY_FORMAT, runEventView } from "./run-view";

export async function runReplayPackage(ctx: OpContext, runId: string) {
  const detail = await getRun(ctx, runId);
  const tenantId = ctx.scope.tenant.id;
  const [events, decisions, approvals, usage] = await Promise.all([
    ctx.tx.runEvent.findMany({ where: { runId, tenantId }, orderBy: { seq: "asc" } }),
    ctx.tx.decisionRecord.findMany({ where: { tenantId, subjectId: runId }, orderBy: { id: "asc" } }),
    ctx.tx.approvalRequest.findMany({
      where: { tenantId, subjectType: "run", subjectId: runId }, orderBy: { createdAt: "asc" },
      include: { votes: { select: { voterLabel: true, vote: true, reason: true, createdAt: true }, orderBy: { createdAt: "asc" } } },
    }),
    ctx.tx.costEntry.findMany({ where: { tenantId, runId }, orderBy: { at: "asc" }, select: { kind: true, subject: true, inputTokens: true, outputTokens: true, cachedTokens: true, quantity: true, latencyMs: true, costMicros: true, defaulted: true, expired: true, at: true } }),
  ]);
  let patch: unknown;
  try {
    patch = await readRunPatch(ctx, runId, tenantId);
  } catch (e) {
    if (!(e instanceof AppError && e.code === "forbidden")) throw e;
    patch = { omitted: e.message };
  }
  const hide = await hidesWrittenContent(ctx, runId, tenantId);
  const timeline = events.map((e) => shownEvent(runEventView(e), hide));
  const body = {
    format: REPLAY_FORMAT,
    generatedAt: new Date().toISOString(),
    generatedBy: actorLabel(ctx.scope.actor),
    tenant: ctx.scope.tenant.slug,
    run: detail.run,
    task: { ...detail.task, taskClass: detail.run.taskClass, agentKind: detail.run.agentKind, autonomy: detail.run.autonomy, requester: detail.run.requesterLabel },
    repository: detail.repository,
    baseSha: detail.baseSha,
    policy: { effectivePolicyHash: detail.effectivePolicyHash, versions: detail.policyVersions },
    toolCalls: timeline.filter((e) => e.kind === "tool_call").map((e) => ({ seq: e.seq, at: e.at, ...e.data })),
    // Where each came from (tool call, path or command, line, pattern, redacted excerpt); run.promptInjectionSignals counts them.
    promptInjectionSignals: timeline.filter((e) => e.kind === "prompt_injection").map((e) => ({ seq: e.seq, at: e.at, ...e.data })),
    decisions: decisions.map((d) => ({
      at: d.createdAt.toISOString(), action: d.action, input: d.input, decision: d.decision, decidingRule: d.decidingRule, matchedRules: d.matchedRules,
      versions: d.versions, effectivePolicyHash: d.effectivePolicyHash, shadowDecision: d.shadowDecision, shadowRule: d.shadowRule, killSwitch: d.killSwitchId, redactions: d.redactions,
    })),
    approvals: approvals.map((a) => redact({
      id: a.id, kind: a.kind, action: a.action, title: a.title, state: a.state, requester: a.requesterLabel, createdAt: a.createdAt.toISOString(),
      decidedAt: a.decidedAt?.toISOString() ?? null, outcomeReason: a.outcomeReason,
      votes: a.votes.map((v) => ({ voter: v.voterLabel, vote: v.vote, reason: v.reason, at: v.createdAt.toISOString() })),
    })),
    boundaryReport: detail.boundaryReport,
    // The verifier profile as the run was admitted with it (what it was to run), then what ran.
    verifiers: detail.verifiers,
    verifierReport: detail.verifierReport,
    diffStats: detail.diffStats,
    patch,
    // Each model call, sandbox command and verifier step as it was costed (micro-units of the platform currency).
    costs: usage.map((u) => ({ ...u, model: u.kind === "model" ? u.subject : undefined, costMicros: Number(u.costMicros), at: u.at.toISOString() })),
    redactions: detail.redactions,
    timeline,
  };
  const digest = createHash("sha256").update(canonicalize(body)!).digest("hex");
  return new JsonDownload({ ...body, digest: { algorithm: "sha256", of: "the canonical JSON (RFC 8785) of this object without this field", value: digest } }, `run-${runId}-replay.json`);
}
