// An AgentRunInput for adapter tests: checkpoints and meter readings are kept for assertions.
import type { AgentLimits, AgentRunInput, ModelUsage, ToolGateway } from "../types";

export type RecordedRun = { input: AgentRunInput; checkpoints: unknown[]; usage: ModelUsage[]; redactions: Record<string, number>[]; controller: AbortController };

export function runInput(gateway: ToolGateway, options: { state?: unknown; instruction?: string; limits?: Partial<AgentLimits> } = {}): RecordedRun {
  const checkpoints: unknown[] = [];
  const usage: ModelUsage[] = [];
  const redactions: Record<string, number>[] = [];
  const controller = new AbortController();
  const input: AgentRunInput = {
    instruction: options.instruction ?? "",
    gateway,
    state: options.state ?? null,
    checkpoint: async (state) => void checkpoints.push(structuredClone(state)),
    meter: async (u) => void usage.push(u),
    redacted: async (c) => void redactions.push({ ...c }),
    signal: controller.signal,
    limits: { maxTurns: 20, tokenBudget: 100_000, requestTimeoutMs: 5_000, ...options.limits },
  };
  return { input, checkpoints, usage, redactions, controller };
}
