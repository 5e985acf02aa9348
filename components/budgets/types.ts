// The budgets API's shapes as the browser sees them (types only: nothing from server/ runs here).
import type { BudgetView } from "@/server/cost/budget-schema";
import type { BudgetTargets } from "@/server/cost/list-budget-targets";
import type { BudgetDetailView } from "@/server/cost/budget-schema";

export type { BudgetDetailView, BudgetTargets, BudgetView };
export type BudgetScope = BudgetView["scope"];
export type BudgetPeriod = BudgetView["period"];

export const budgetKeys = {
  all: (t: string) => ["tenant", t, "budgets"] as const,
  one: (t: string, id: string) => ["tenant", t, "budgets", id] as const,
};

/** Mirrors server/cost/budget-input.ts PERIODS_OF (the choices a form offers; the server decides). */
export const PERIODS_OF: Record<BudgetScope, BudgetPeriod[]> = {
  tenant: ["day", "week", "month"],
  team: ["day", "week", "month"],
  campaign: ["campaign", "day", "week", "month"],
  run: ["run"],
};

export const SCOPE_LABELS: Record<BudgetScope, string> = { tenant: "The whole tenant", team: "A team's runs", campaign: "A campaign's runs", run: "Each run" };
export const PERIOD_LABELS: Record<BudgetPeriod, string> = { day: "Per day", week: "Per week (from Monday)", month: "Per month", campaign: "The campaign's life", run: "Per run" };

/** What a budget covers, in a few words. */
export function coverage(b: BudgetView): string {
  if (b.scope === "team") return b.team ? `Team ${b.team.name}` : "A deleted team";
  if (b.scope === "campaign") return b.campaign ? `Campaign ${b.campaign.name}` : "A deleted campaign";
  return b.scope === "run" ? "Each run" : "Whole tenant";
}
