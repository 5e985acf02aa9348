// What the API and the console show of runs.
import { z } from "zod";
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
