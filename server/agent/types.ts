// The contract between the run pipeline and an agent adapter. An adapter decides what to do; every
// effect goes through the ToolGateway, which asks the policy engine, records the call and its
// decision, executes it in the run's sandbox and returns redacted output. The gateway may throw
// RunInterrupted (the call waits for an approval or a budget raise, a kill switch or cancel stopped
// the run, or a hard budget refused the command): adapters must let it propagate, never treat it as
// a tool error.

export const TOOL_NAMES = ["list_files", "read_file", "search", "write_file", "run_shell", "finish"] as const;
export type ToolName = (typeof TOOL_NAMES)[number];

export type ToolCall = { tool: ToolName; args: Record<string, unknown> };

/**
 * output is already redacted; "denied" states the refusal and who refused, whole ("deny (explicit):
 * tenant policy p rule r: reason", "refused by kill switch ...", "the approval for this call was denied by ..."),
 * "error" what went wrong. run_shell's output is the command's; its exit code is exitCode, not text.
 * Output formats adapters rely on (server/agent/tool-output.ts formats and parses them):
 * list_files: one path per line, relative to the repository root, directories ending in "/";
 * read_file: the file's content exactly, nothing added; search: one match per line, "path:line:text".
 */
export type ToolOutcome = {
  status: "ok" | "error" | "denied";
  output: string;
  /**
   * run_shell's exit code, when the command ran to completion. A recipe fails on a non-zero
   * exitCode whatever the status, and the model is shown it; a gateway should still report a
   * non-zero exit as "error", so a reader of status alone never takes it for a success.
   */
  exitCode?: number;
  /**
   * The output was cut at a limit. A read_file output that was truncated, or that holds a
   * "[REDACTED:" marker, must never be written back: that would damage the file.
   */
  truncated?: boolean;
  /**
   * The output carries text addressed to the agent as if it were its instructions (the names of the
   * patterns that matched; the gateway records it as a prompt-injection signal). The output itself is
   * unchanged: a model adapter tells its model that the text is data.
   */
  injection?: string[];
};

export interface ToolGateway {
  call(call: ToolCall): Promise<ToolOutcome>;
}

/**
 * awaiting_approval: the run waits (for a tool call's approval, or for a budget to be raised);
 * stopped: cancelled, a kill switch, a lost lease; budget_exhausted: a hard budget refused a step
 * the run cannot do without (a sandbox command, a verifier step), so the run ends failed.
 */
export class RunInterrupted extends Error {
  constructor(readonly why: "awaiting_approval" | "stopped" | "budget_exhausted", message: string) {
    super(message);
    this.name = "RunInterrupted";
  }
}

/** cachedTokens: the part of inputTokens the provider served from its prompt cache. */
export type ModelUsage = { model: string; inputTokens: number; outputTokens: number; cachedTokens: number; latencyMs: number };

export type AgentLimits = { maxTurns: number; requestTimeoutMs: number };

/**
 * A model request's worst-case cost held against the run's budgets (server/cost/). The adapter ends
 * it exactly once: settle with the usage the answer reported, settle(null) when the request may
 * have been billed but its usage is unknown (a timeout, an answer without usage, a stop mid-call),
 * release when it certainly was not (never sent, refused by the endpoint).
 */
export type CallHold =
  | { ok: true; settle(usage: ModelUsage | null): Promise<void>; release(): Promise<void> }
  /** A hard budget has no room (or the model has no price the tenant accepts): the run ends budget_exhausted. */
  | { ok: false; message: string };

export type AgentRunInput = {
  instruction: string;
  gateway: ToolGateway;
  /**
   * What the adapter saved with checkpoint() before the run was interrupted, or null on a fresh run.
   * Resuming from it must issue again the call that was interrupted (the gateway then knows its
   * approval's outcome), and nothing before it.
   */
  state: unknown;
  checkpoint(state: unknown): Promise<void>;
  /**
   * Called before every model request with its size and max_tokens. May throw RunInterrupted
   * ("awaiting_approval") when the run waits for a budget to be raised; resuming asks again.
   */
  hold(request: { model: string; requestBytes: number; maxOutputTokens: number }): Promise<CallHold>;
  /**
   * What the adapter itself removed before text reached a model, by kind (beyond what the gateway
   * already removed from tool outputs), so the run's record of redactions is complete.
   */
  redacted?(counts: Record<string, number>): Promise<void>;
  signal: AbortSignal;
  limits: AgentLimits;
};

/** policy_denied: a step the agent had to take was refused (a recipe cannot choose another way). */
export type AgentFailureClass = "agent_error" | "policy_denied" | "budget_exhausted" | "timeout";

export type AgentResult =
  | { outcome: "finished"; summary: string }
  | { outcome: "failed"; failureClass: AgentFailureClass; message: string };

export interface AgentAdapter {
  run(input: AgentRunInput): Promise<AgentResult>;
}
