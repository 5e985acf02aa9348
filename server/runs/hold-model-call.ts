// A model request's worst-case cost, held against the run's budgets before it is sent. The hold
// outlives a lost worker by the request's time limit and a minute; after that the reconciler
// settles it at the reserved amount (server/cost/expire-reservations.ts). A hard budget without
// room ends the run (the adapter returns budget_exhausted), or makes it wait for a raise
// (wait-for-budget.ts throws RunInterrupted; the adapter saved its conversation before asking).
// A model costed at the default price ("*": it has none of its own) is said on the timeline, once.
import type { AgentLimits, CallHold } from "../agent/types";
import { db } from "../db/client";
import { holdCost } from "../cost/hold-cost";
import { worstCaseModelCost } from "../cost/money";
import { releaseCost, settleCost } from "../cost/settle-cost";
import type { RunContext } from "./run-context";
import { appendRunEvent } from "./run-events";
import { waitIfRaisable } from "./wait-for-budget";

const WHAT = "the next model request";

export async function holdModelCall(
  run: RunContext, owner: string, request: { model: string; requestBytes: number; maxOutputTokens: number }, limits: AgentLimits,
): Promise<CallHold> {
  const held = await holdCost({ tenantId: run.tenantId, runId: run.id }, {
    kind: "model", model: request.model, ttlMs: limits.requestTimeoutMs + 60_000, what: WHAT,
    worstCase: (price) => worstCaseModelCost(price, request.requestBytes, request.maxOutputTokens),
  });
  if (!held.ok) {
    await waitIfRaisable(run, owner, held, WHAT);
    return { ok: false, message: held.message };
  }
  if (held.hold.price.defaulted) await sayDefaulted(run, request.model);
  const id = held.hold.reservationId;
  return {
    ok: true,
    settle: async (u) => { await settleCost(id, u ? { inputTokens: u.inputTokens, outputTokens: u.outputTokens, cachedTokens: u.cachedTokens, latencyMs: u.latencyMs } : null); },
    release: async () => { await releaseCost(id); },
  };
}

const said = new WeakMap<RunContext, Set<string>>();

/** A model without a price of its own is costed at the default price, and the run's timeline says so, once. */
async function sayDefaulted(run: RunContext, model: string): Promise<void> {
  const models = said.get(run) ?? new Set<string>();
  said.set(run, models);
  if (models.has(model)) return;
  models.add(model);
  await db.$transaction(async (tx) => {
    const earlier = await tx.runEvent.findFirst({ where: { runId: run.id, tenantId: run.tenantId, kind: "log", data: { path: ["defaultedModel"], equals: model } }, select: { id: true } });
    if (!earlier) {
      await appendRunEvent(tx, run, {
        kind: "log", message: `the model "${model}" has no price of its own: its calls are costed at the default model price (Admin → Prices)`, data: { defaultedModel: model },
      });
    }
  });
}
