// What a budget is made of, as the API and the console's forms take it. The rules between fields
// are here (a scope's target and period, what a soft budget cannot say); what needs the database
// (the team or campaign exists in this tenant, the name is free) or the environment (the currency)
// is the operations'.
import { z } from "zod";
import { ZId } from "../http/define-route";
import { BUDGET_PERIODS, BUDGET_SCOPES, type BudgetPeriodKind, type BudgetScope } from "./budget-schema";

/** A limit past any real spend, and well inside what JSON numbers carry exactly. */
export const MAX_LIMIT_MICROS = 1_000_000_000_000_000;
export const MAX_THRESHOLDS = 10;
export const DEFAULT_THRESHOLDS = [50, 80, 100];

/** The periods each scope may have: a run's budget is per run, a campaign's may last its life. */
export const PERIODS_OF: Record<BudgetScope, readonly BudgetPeriodKind[]> = {
  tenant: ["day", "week", "month"],
  team: ["day", "week", "month"],
  campaign: ["campaign", "day", "week", "month"],
  run: ["run"],
};

const ZName = z.string().trim().min(1, "name the budget").max(100, "must be at most 100 characters")
  .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), "must not contain control characters");

const ZLimit = z.number().int("must be whole micro-units (1,000,000 = one currency unit)")
  .min(1, "must be more than zero").max(MAX_LIMIT_MICROS, `must be at most ${MAX_LIMIT_MICROS} micro-units (a billion currency units)`);

/** Percentages of the limit at which a budget alerts, once per period each. */
const ZThresholds = z.array(z.number()).max(MAX_THRESHOLDS, `at most ${MAX_THRESHOLDS} thresholds`).superRefine((ts, ctx) => {
  const seen = new Set<number>();
  ts.forEach((t, i) => {
    if (!Number.isInteger(t) || t < 1 || t > 100) ctx.addIssue({ code: "custom", path: [i], message: `thresholds[${i}] is ${t}: each threshold is a whole percent of the limit from 1 to 100` });
    else if (seen.has(t)) ctx.addIssue({ code: "custom", path: [i], message: `thresholds[${i}] (${t} %) is given twice` });
    seen.add(t);
  });
});

const ZMode = z.enum(["soft", "hard"], { error: "must be soft (alerts only) or hard (stops the work that would pass the limit)" });
const ZOnExhausted = z.enum(["fail", "approval"], { error: "must be fail or approval" })
  .describe("hard budgets only: what happens to a run the budget stops: fail (budget_exhausted) or approval (it waits for someone to raise the budget)");
const ZCurrency = z.string().regex(/^[A-Z]{3}$/, "must be a three-letter currency code like USD").optional()
  .describe("the currency of limitMicros; must be the platform's (COST_CURRENCY) when given");

export const SOFT_CANNOT_SAY = "a soft budget only alerts and never stops work: onExhausted is for hard budgets";

export const ZCreateBudget = z.object({
  name: ZName.describe("unique in the tenant"),
  scope: z.enum(BUDGET_SCOPES, { error: "choose a scope: tenant, team, campaign or run" })
    .describe("what the budget covers: the whole tenant, one team's runs, one campaign's runs, or each run on its own"),
  teamId: ZId.optional().describe("team scope: the team (of this tenant)"),
  campaignId: ZId.optional().describe("campaign scope: the campaign (of this tenant)"),
  mode: ZMode,
  limitMicros: ZLimit.describe("the limit per period, in micro-units of the platform's currency"),
  period: z.enum(BUDGET_PERIODS, { error: `must be one of ${BUDGET_PERIODS.join(", ")}` })
    .describe("day, week (from Monday) and month reset on the UTC calendar; campaign: the campaign's life; run: each run"),
  thresholds: ZThresholds.optional().describe(`percentages of the limit that alert once per period (tenant admins and webhooks); default ${DEFAULT_THRESHOLDS.join("/")}, none for a run budget (every run would alert)`),
  onExhausted: ZOnExhausted.optional(),
  currency: ZCurrency,
}).strict().superRefine((b, ctx) => {
  const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
  if (b.scope === "team" && !b.teamId) issue("teamId", "a team budget names its team");
  if (b.scope !== "team" && b.teamId) issue("teamId", `only a team budget names a team (this is a ${b.scope} budget)`);
  if (b.scope === "campaign" && !b.campaignId) issue("campaignId", "a campaign budget names its campaign");
  if (b.scope !== "campaign" && b.campaignId) issue("campaignId", `only a campaign budget names a campaign (this is a ${b.scope} budget)`);
  const periods = PERIODS_OF[b.scope];
  if (!periods.includes(b.period)) issue("period", `a ${b.scope} budget's period is ${periods.join(", ")}${b.period === "run" ? " (run is for run budgets)" : b.period === "campaign" ? " (campaign is for campaign budgets)" : ""}`);
  if (b.mode === "soft" && b.onExhausted !== undefined) issue("onExhausted", SOFT_CANNOT_SAY);
});
export type CreateBudgetInput = z.infer<typeof ZCreateBudget>;

export const ZUpdateBudget = z.object({
  name: ZName.optional(),
  limitMicros: ZLimit.optional(),
  thresholds: ZThresholds.optional(),
  mode: ZMode.optional(),
  onExhausted: ZOnExhausted.optional(),
  currency: ZCurrency,
}).strict().refine((b) => Object.keys(b).some((k) => k !== "currency"), "change at least one field (scope, team, campaign and period are fixed once created)");
export type UpdateBudgetInput = z.infer<typeof ZUpdateBudget>;
