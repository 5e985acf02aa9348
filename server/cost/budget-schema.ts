// A budget as the API shows it: what it covers, its rules and its periods' spend. Schemas only
// (the route contracts and the browser load this file); budget-view.ts builds these from rows.
import { z } from "zod";

export const BUDGET_SCOPES = ["tenant", "team", "campaign", "run"] as const;
export const BUDGET_PERIODS = ["day", "week", "month", "campaign", "run"] as const;
export type BudgetScope = (typeof BUDGET_SCOPES)[number];
export type BudgetPeriodKind = (typeof BUDGET_PERIODS)[number];

const ZAmount = z.number().int();

export const ZBudgetPeriod = z.object({
  periodKey: z.string().describe("the period's day, week's Monday or month's first day (YYYY-MM-DD), or life for a campaign's"),
  startsAt: z.string().nullable().describe("null: a campaign's life before anything was spent"),
  endsAt: z.string().nullable().describe("null: the campaign's life has no set end"),
  spentMicros: ZAmount,
  reservedMicros: ZAmount.describe("held by work in progress (its worst case), settled or released when it ends"),
  remainingMicros: ZAmount.describe("limit - spent - reserved, never below 0"),
  percent: z.number().describe("spent as a percentage of the limit, one decimal (may pass 100 for a soft budget)"),
  text: z.object({ spent: z.string(), reserved: z.string(), remaining: z.string() }),
});
export type BudgetPeriodView = z.infer<typeof ZBudgetPeriod>;

export const ZBudget = z.object({
  id: z.string(),
  name: z.string(),
  scope: z.enum(BUDGET_SCOPES),
  team: z.object({ id: z.string(), name: z.string() }).nullable(),
  campaign: z.object({ id: z.string(), name: z.string() }).nullable(),
  mode: z.enum(["soft", "hard"]),
  period: z.enum(BUDGET_PERIODS),
  limitMicros: ZAmount,
  limitText: z.string(),
  currency: z.string(),
  thresholds: z.array(z.number().int()),
  onExhausted: z.enum(["fail", "approval"]).nullable().describe("hard budgets only (null for a soft one)"),
  current: ZBudgetPeriod.nullable().describe("the period now (null for a run budget: each run is a period of its own)"),
  archivedAt: z.string().nullable(),
  createdByLabel: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type BudgetView = z.infer<typeof ZBudget>;

export const HISTORY_SHOWN = 100;
export const PERIODS_SHOWN = 12;

export const ZBudgetChange = z.object({
  seq: z.number().int().describe("the audit event's number in the tenant's chain"),
  at: z.string(),
  actorLabel: z.string().nullable(),
  action: z.string().describe("budget.create, budget.update or budget.archive"),
  before: z.unknown(),
  after: z.unknown(),
});

export const ZBudgetDetail = ZBudget.extend({
  history: z.array(ZBudgetChange).describe(`its changes, newest first (the latest ${HISTORY_SHOWN})`),
  periods: z.array(ZBudgetPeriod).describe(`its periods, newest first (the latest ${PERIODS_SHOWN}; a run budget's are its runs)`),
});
export type BudgetDetailView = z.infer<typeof ZBudgetDetail>;

