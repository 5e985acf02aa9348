// What a run's and a campaign's cost panels answer. A schema file with no logic: contracts and the
// browser load it.
import { z } from "zod";
import { ZMicros } from "./cost-view";

const count = z.number().int().min(0);

export const ZBudgetDrawn = z.object({
  budgetId: z.string(), name: z.string(), scope: z.string(), target: z.string().nullable(), mode: z.string(), period: z.string(),
  limitMicros: ZMicros, periodKey: z.string(), startsAt: z.string(), endsAt: z.string().nullable(),
  /** The period's spend (settled) and what work in flight holds in it now. */
  spentMicros: ZMicros, reservedMicros: ZMicros, archived: z.boolean(),
});
export type BudgetDrawn = z.infer<typeof ZBudgetDrawn>;

/** Why a run waits: a hard budget refused its next step (and, per the budget, an approval to raise it may be pending). */
export const ZBudgetWait = z.object({
  budgetId: z.string().nullable(), budgetName: z.string().nullable(), scope: z.string().nullable(),
  limitMicros: ZMicros.nullable(), spentMicros: ZMicros.nullable(), reservedMicros: ZMicros.nullable(), neededMicros: ZMicros.nullable(),
  /** The limit the raise asks for. */
  proposedLimitMicros: ZMicros.nullable(),
  /** The step that was refused ("the next model request"). */
  what: z.string().nullable(),
  approvalId: z.string().nullable(),
});
export type BudgetWait = z.infer<typeof ZBudgetWait>;

export const ZRunCost = z.object({
  currency: z.string(),
  runId: z.string(),
  /** The run's total so far (Run.costMicros: the sum of its costed entries). */
  costMicros: ZMicros,
  byKind: z.array(z.object({ kind: z.enum(["model", "sandbox", "verifier"]), costMicros: ZMicros, entries: count, quantityMs: count })),
  models: z.array(z.object({
    model: z.string(), calls: count, inputTokens: count, outputTokens: count, cachedTokens: count, costMicros: ZMicros,
    /** Costed at the default ("*") price: the model had no price of its own. */
    defaulted: z.boolean(),
  })),
  /** Some entry was costed at the default price. */
  defaulted: z.boolean(),
  /** Entries whose work was never measured (a worker lost), settled at the reserved amount. */
  expired: z.object({ entries: count, costMicros: ZMicros }),
  /** Worst-case amounts reservations of this run hold now, not yet settled. */
  heldMicros: ZMicros,
  budgets: z.array(ZBudgetDrawn),
  budgetWait: ZBudgetWait.nullable(),
});
export type RunCost = z.infer<typeof ZRunCost>;

export const ZCampaignCost = z.object({
  currency: z.string(),
  campaignId: z.string(),
  /** Everything recorded against the campaign so far. */
  costMicros: ZMicros,
  runs: count,
  /** Runs of the campaign with a cost recorded. */
  runsCosted: count,
  budgets: z.array(ZBudgetDrawn.extend({ percent: z.number().min(0) })),
});
export type CampaignCost = z.infer<typeof ZCampaignCost>;
