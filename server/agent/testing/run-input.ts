// An AgentRunInput for adapter tests: checkpoints, holds and how each ended are kept for assertions.
import type { AgentLimits, AgentRunInput, ModelUsage, ToolGateway } from "../types";

export type HoldRecord = { requestBytes: number; maxOutputTokens: number; ended: "settled" | "settled_unknown" | "released" | null };
export type RecordedRun = { input: AgentRunInput; checkpoints: unknown[]; usage: ModelUsage[]; holds: HoldRecord[]; redactions: Record<string, number>[]; controller: AbortController };

/**
 * refuseFrom: the hold with this index (0-based) and every later one is refused, as a hard budget
 * would. waitFrom: from that index on, the hold throws waitWith (a RunInterrupted("awaiting_approval"),
 * as when the run waits for a budget to be raised).
 */
export function runInput(
  gateway: ToolGateway,
  options: { state?: unknown; instruction?: string; limits?: Partial<AgentLimits>; refuseFrom?: number; waitFrom?: number; waitWith?: Error } = {},
): RecordedRun {
  const checkpoints: unknown[] = [];
  const usage: ModelUsage[] = [];
  const holds: HoldRecord[] = [];
  const redactions: Record<string, number>[] = [];
  const controller = new AbortController();
  const input: AgentRunInput = {
    instruction: options.instruction ?? "",
    gateway,
    state: options.state ?? null,
    checkpoint: async (state) => void checkpoints.push(structuredClone(state)),
    hold: async ({ requestBytes, maxOutputTokens }) => {
      if (options.waitFrom !== undefined && holds.length >= options.waitFrom) throw options.waitWith ?? new Error("waitWith is not set");
      if (options.refuseFrom !== undefined && holds.length >= options.refuseFrom) return { ok: false, message: "the hard run budget \"test\" has $0.00 left" };
      const record: HoldRecord = { requestBytes, maxOutputTokens, ended: null };
      holds.push(record);
      const end = (how: HoldRecord["ended"]) => {
        if (record.ended) throw new Error(`a hold ended twice (${record.ended}, then ${how})`);
        record.ended = how;
      };
      return {
        ok: true,
        settle: async (u) => { end(u ? "settled" : "settled_unknown"); if (u) usage.push(u); },
        release: async () => end("released"),
      };
    },
    redacted: async (c) => void redactions.push({ ...c }),
    signal: controller.signal,
    limits: { maxTurns: 20, requestTimeoutMs: 5_000, ...options.limits },
  };
  return { input, checkpoints, usage, holds, redactions, controller };
}
