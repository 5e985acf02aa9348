// What a wave would cost against the budgets covering it, as the preview, a launch and a promotion
// return it (wave-cost.ts computes it): the estimate per run and where it comes from, and for each
// tenant, team and campaign budget its room in the current period and how many of the wave's runs
// it can afford. Amounts are micro-units of the platform currency. Schema only.
import { z } from "zod";

const micros = z.number().int().min(-1e15).max(1e15);

export const ZBudgetRoom = z.object({
  budgetId: z.string(),
  name: z.string(),
  scope: z.enum(["tenant", "team", "campaign"]),
  mode: z.enum(["soft", "hard"]),
  period: z.string(),
  periodKey: z.string(),
  team: z.string().nullable().describe("a team budget's team (slug)"),
  runs: z.number().int().describe("the wave's runs this budget covers (a team budget: those in its team)"),
  limitMicros: micros, spentMicros: micros, reservedMicros: micros,
  remainingMicros: micros.describe("limit − spent − reserved in the current period, never below zero"),
  affordableRuns: z.number().int().nullable().describe("how many of its runs the room pays for at the estimate; null without an estimate"),
  sentence: z.string(),
});

export const ZWaveCost = z.object({
  wave: z.number().int(),
  runs: z.number().int(),
  currency: z.string(),
  estimate: z.object({
    perRunMicros: micros.nullable(),
    source: z.enum(["history", "run_budget", "none"]).describe("history: the average cost of the tenant's finished runs of the class over 30 days; run_budget: the per-run budget's limit"),
    runs: z.number().int().describe("how many finished runs the average is over (history)"),
    basis: z.string(),
  }),
  budgets: z.array(ZBudgetRoom),
  affordableRuns: z.number().int().nullable().describe("how many of the wave's runs every budget covering them can afford; null without an estimate or budgets"),
  refused: z.boolean().describe("a hard budget cannot afford the whole wave: the launch or promotion is refused (409)"),
  warnings: z.array(z.string()).describe("soft budgets that cannot afford the whole wave"),
  sentence: z.string(),
});
export type WaveCost = z.infer<typeof ZWaveCost>;
