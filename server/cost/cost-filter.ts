// What the cost dashboard and its CSV downloads take: a range of UTC days (a preset, or from and to),
// the dimensions to narrow by, and what the spend chart groups by. A schema file with no logic beyond
// checking the days: contracts and the browser load it.
import { z } from "zod";
import { ZId } from "../http/define-route";
import { TASK_CLASSES } from "../runs/task-input";
import { ZTeamSlug } from "../teams/team-view";

export const COST_RANGES = ["7d", "30d", "90d", "month", "last_month"] as const;
export type CostRange = (typeof COST_RANGES)[number];
/** What the spend chart stacks by; "model" shows each model, and sandbox and verifier time as their own. */
export const COST_GROUPS = ["team", "taskClass", "campaign", "repository", "model", "kind"] as const;
export type CostGroup = (typeof COST_GROUPS)[number];
/** The tables behind the dashboard's charts, each downloadable as CSV. */
export const COST_TABLES = ["spend", "unit-costs", "top-teams", "top-repositories", "top-campaigns", "top-runs", "burndown", "run-budgets"] as const;
export type CostTable = (typeof COST_TABLES)[number];
export const MAX_RANGE_DAYS = 366;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const isRealDay = (s: string) => DAY.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;
const ZDay = z.string().regex(DAY, "must be a day, YYYY-MM-DD").refine(isRealDay, "must be a day that exists");
export const ZModelName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:/@+-]{0,119}$/, "must be a model's name");

const shape = {
  range: z.enum(COST_RANGES).default("30d").describe("the last 7, 30 or 90 days (today included), this month or last month, in UTC days; from and to override it"),
  from: ZDay.optional().describe("the first day (UTC) of a range of your own, with to"),
  to: ZDay.optional().describe("the last day (UTC) of a range of your own, with from"),
  team: ZTeamSlug.optional().describe("a team's slug"),
  campaign: ZId.optional().describe("a campaign's id"),
  repository: ZId.optional().describe("a repository's id"),
  taskClass: z.enum(TASK_CLASSES).optional(),
  model: ZModelName.optional().describe("a model's name: only its calls count (sandbox and verifier time do not)"),
  groupBy: z.enum(COST_GROUPS).default("team").describe("what the spend over time is stacked by"),
};

type Days = { from?: string; to?: string };
function checkDays(v: Days, ctx: z.RefinementCtx) {
  if (v.from && !v.to) ctx.addIssue({ code: "custom", path: ["to"], message: "give to with from" });
  if (v.to && !v.from) ctx.addIssue({ code: "custom", path: ["from"], message: "give from with to" });
  if (!v.from || !v.to) return;
  const days = (Date.parse(v.to) - Date.parse(v.from)) / 86_400_000 + 1;
  if (days < 1) ctx.addIssue({ code: "custom", path: ["to"], message: "must be on or after from" });
  else if (days > MAX_RANGE_DAYS) ctx.addIssue({ code: "custom", path: ["from"], message: `the range is at most ${MAX_RANGE_DAYS} days` });
}

export const ZCostFilter = z.strictObject(shape).superRefine(checkDays);
export type CostFilter = z.infer<typeof ZCostFilter>;

export const ZCostExportQuery = z.strictObject({
  ...shape,
  table: z.enum(COST_TABLES).default("spend").describe("which chart's table: spend (over time, by groupBy), unit-costs, top-teams, top-repositories, top-campaigns, top-runs, burndown (with budget) or run-budgets"),
  budget: ZId.optional().describe("the budget whose burn-down to export (table=burndown)"),
}).superRefine((v, ctx) => {
  checkDays(v, ctx);
  if (v.table === "burndown" && !v.budget) ctx.addIssue({ code: "custom", path: ["budget"], message: "name the budget whose burn-down to export" });
});
export type CostExportQuery = z.infer<typeof ZCostExportQuery>;
