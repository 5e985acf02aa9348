// What the API and the console show of runs.
import { z } from "zod";
import { ZVerifierStep } from "../verifier-profiles/verifier-profile-input";
import type { Run, RunEvent } from "../db/generated/client";

export const RUN_STATES = ["queued", "preparing", "running", "verifying", "awaiting_approval", "succeeded", "failed", "cancelled"] as const;
/** Not ended yet: the runs console's default view. */
export const OPEN_STATES = ["queued", "preparing", "running", "verifying", "awaiting_approval"] as const;
export const FAILURE_CLASSES = ["infrastructure", "policy_denied", "verifier_failed", "budget_exhausted", "timeout", "cancelled", "agent_error"] as const;

export const ZRunSummary = z.object({
  id: z.string(),
  taskId: z.string(),
  state: z.enum(RUN_STATES),
  failureClass: z.enum(FAILURE_CLASSES).nullable(),
  failureMessage: z.string().nullable(),
  cancelRequested: z.boolean(),
  repository: z.object({ id: z.string(), fullName: z.string() }),
  taskClass: z.string(),
  agentKind: z.string(),
  autonomy: z.string(),
  requesterLabel: z.string(),
  campaignId: z.string().nullable(),
  attempt: z.number().int(),
  approvalId: z.string().nullable(),
  toolCalls: z.number().int(),
  /** Tool outputs that carried instructions addressed to the agent (its prompt_injection events). */
  promptInjectionSignals: z.number().int(),
  tokens: z.number().int(),
  queuedAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type RunSummary = z.infer<typeof ZRunSummary>;

type SummaryRow = Run & { task: { agentKind: string; autonomy: string } };

export function runSummary(r: SummaryRow, repoName: string): RunSummary {
  return {
    id: r.id, taskId: r.taskId, state: r.state, failureClass: r.failureClass, failureMessage: r.failureMessage, cancelRequested: r.cancelRequested,
    repository: { id: r.repositoryId, fullName: repoName }, taskClass: r.taskClass, agentKind: r.task.agentKind, autonomy: r.task.autonomy,
    requesterLabel: r.requesterLabel, campaignId: r.campaignId, attempt: r.attempt, approvalId: r.approvalId, toolCalls: r.toolCalls, promptInjectionSignals: r.promptInjectionSignals,
    tokens: r.inputTokens + r.outputTokens, queuedAt: r.queuedAt.toISOString(), startedAt: r.startedAt?.toISOString() ?? null, finishedAt: r.finishedAt?.toISOString() ?? null,
  };
}

export const ZRunEvent = z.object({
  seq: z.number().int(),
  at: z.string(),
  kind: z.string(),
  fromState: z.enum(RUN_STATES).nullable(),
  toState: z.enum(RUN_STATES).nullable(),
  message: z.string(),
  /** Redacted when stored: tool input and output, decision and rule, verifier result. */
  data: z.record(z.string(), z.unknown()).nullable(),
});
export type RunEventView = z.infer<typeof ZRunEvent>;

export const runEventView = (e: RunEvent): RunEventView => ({
  seq: e.seq, at: e.at.toISOString(), kind: e.kind, fromState: e.fromState, toState: e.toState, message: e.message,
  data: (e.data as Record<string, unknown> | null) ?? null,
});

const ZJson = z.record(z.string(), z.unknown());

export const ZRunDetail = z.object({
  run: ZRunSummary,
  task: z.object({ id: z.string(), instruction: z.string(), recipe: z.string().nullable(), createdAt: z.string() }),
  repository: z.object({ id: z.string(), fullName: z.string(), defaultBranch: z.string() }).nullable(),
  /** The verifier profile the run was admitted with (steps are null for a run that ended before runs kept them). */
  verifiers: z.object({ profile: z.string(), steps: z.array(ZVerifierStep).nullable() }).nullable(),
  baseSha: z.string().nullable(),
  effectivePolicyHash: z.string().nullable(),
  policyVersions: z.record(z.string(), z.number()).nullable(),
  usage: z.object({ modelCalls: z.number().int(), inputTokens: z.number().int(), outputTokens: z.number().int() }),
  redactions: z.record(z.string(), z.number()),
  diffStats: ZJson.nullable(),
  boundaryReport: ZJson.nullable(),
  verifierReport: ZJson.nullable(),
  summary: z.string().nullable(),
  approval: z.object({ id: z.string(), state: z.string(), title: z.string() }).nullable(),
  artifacts: z.array(z.object({ kind: z.string(), sha256: z.string(), size: z.number().int(), restricted: z.boolean(), createdAt: z.string() })),
  /** Other runs of the same task (retries), newest first. */
  attempts: z.array(z.object({ id: z.string(), attempt: z.number().int(), state: z.string() })),
  /** A follow-up on review feedback: the run it revises, the only files it may change, and whose feedback (redacted). */
  followUp: z.object({
    ofRunId: z.string(),
    allowedPaths: z.array(z.string()),
    feedback: z.array(z.object({ by: z.string(), kind: z.string(), url: z.string().nullable(), body: z.string(), at: z.string() })),
  }).nullable(),
  lastEventSeq: z.number().int(),
  can: z.object({ cancel: z.boolean(), retry: z.boolean(), downloadRestricted: z.boolean() }),
});
export type RunDetail = z.infer<typeof ZRunDetail>;

export const ZRunPatch = z.object({
  sha256: z.string(),
  size: z.number().int(),
  restricted: z.boolean(),
  content: z.string(),
  /** What redaction removed from the content shown, by kind. */
  redactions: z.record(z.string(), z.number()),
});
export type RunPatch = z.infer<typeof ZRunPatch>;

const ZPause = z.object({ reason: z.string(), pausedByLabel: z.string(), pausedAt: z.string() }).nullable();
export const ZSchedulerState = z.object({ tenant: ZPause, global: ZPause, waiting: z.number().int() });
export type SchedulerState = z.infer<typeof ZSchedulerState>;

export const REPLAY_FORMAT = "fleetgate.replay/v1";
