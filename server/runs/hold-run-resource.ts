// A sandbox command's or a verifier step's worst-case cost, its wall time limit at the price in
// force (sandbox_second, verifier_minute), held against the run's budgets before it runs, and
// settled with the wall time it took. A hard budget without room: the step does not run, and the
// run waits for a raise or ends as budget_exhausted (wait-for-budget.ts). A worker that dies
// mid-step leaves the hold to expire a minute after the limit, settled at the reserved amount.
import { holdCost } from "../cost/hold-cost";
import { resourceCost, type ResourceSubject } from "../cost/money";
import { releaseCost, settleCost } from "../cost/settle-cost";
import type { RunContext } from "./run-context";
import { budgetRefused } from "./wait-for-budget";

export type ResourceHold = {
  /** ms: the wall time measured; null when unknown (it costs what was reserved). */
  settle(ms: number | null): Promise<void>;
  release(): Promise<void>;
};

const SUBJECT: Record<"sandbox" | "verifier", ResourceSubject> = { sandbox: "sandbox_second", verifier: "verifier_minute" };

export async function holdRunResource(run: RunContext, owner: string, item: { kind: "sandbox" | "verifier"; limitMs: number; what: string }): Promise<ResourceHold> {
  const subject = SUBJECT[item.kind];
  const held = await holdCost({ tenantId: run.tenantId, runId: run.id }, {
    kind: item.kind, ttlMs: item.limitMs + 60_000, what: item.what,
    worstCase: (price) => resourceCost(subject, price.unitMicros, item.limitMs),
  });
  if (!held.ok) return budgetRefused(run, owner, held, item.what);
  const id = held.hold.reservationId;
  return {
    settle: async (ms) => { await settleCost(id, ms === null ? null : { quantityMs: ms }); },
    release: async () => { await releaseCost(id); },
  };
}

/** Runs fn under the hold: settled with the wall time fn reports, or, when it throws, with the time it ran. */
export async function underHold<T>(hold: ResourceHold, fn: () => Promise<T>, measured: (result: T) => number | undefined): Promise<T> {
  const started = performance.now();
  let result: T;
  try {
    result = await fn();
  } catch (e) {
    await hold.settle(performance.now() - started);
    throw e;
  }
  await hold.settle(measured(result) ?? performance.now() - started);
  return result;
}
