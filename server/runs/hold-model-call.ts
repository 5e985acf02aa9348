// A model request's worst-case cost, held against the run's budgets before it is sent. The hold
// outlives a lost worker by the request's time limit and a minute; after that the reconciler
// settles it at the reserved amount (server/cost/expire-reservations.ts).
import type { AgentLimits, CallHold } from "../agent/types";
import { db } from "../db/client";
import { costWorkOfRun } from "../cost/cost-work";
import { holdCost } from "../cost/hold-cost";
import { worstCaseModelCost } from "../cost/money";
import { releaseCost, settleCost } from "../cost/settle-cost";
import type { RunContext } from "./run-context";

export async function holdModelCall(run: RunContext, request: { model: string; requestBytes: number; maxOutputTokens: number }, limits: AgentLimits): Promise<CallHold> {
  const work = await costWorkOfRun(db, run.id);
  if (!work) throw new Error(`run ${run.id} is gone`);
  const held = await holdCost(work, {
    kind: "model", model: request.model, ttlMs: limits.requestTimeoutMs + 60_000, what: "the next model request",
    worstCase: (price) => worstCaseModelCost(price, request.requestBytes, request.maxOutputTokens),
  });
  if (!held.ok) return { ok: false, message: held.message };
  const id = held.hold.reservationId;
  return {
    ok: true,
    settle: async (u) => { await settleCost(id, u ? { inputTokens: u.inputTokens, outputTokens: u.outputTokens, cachedTokens: u.cachedTokens, latencyMs: u.latencyMs } : null); },
    release: async () => { await releaseCost(id); },
  };
}
