// One chart's table as a CSV download, built by the same part of the dashboard the chart shows, over
// the same filters. A burn-down names its budget: another tenant's (or an archived one) is not found.
import { AppError } from "../core/app-error";
import type { OpContext } from "../core/op-context";
import { env } from "../env";
import { CsvDownload } from "../http/respond";
import { budgetBurns, runBudgets } from "./budget-burns";
import { burndownCsv, runBudgetsCsv, spendCsv, topCsv, topRunsCsv, unitCostsCsv } from "./cost-csv";
import type { CostExportQuery } from "./cost-filter";
import { costScope, runsPart, spendPart } from "./get-cost-dashboard";

export async function exportCostCsv(ctx: OpContext, q: CostExportQuery, now = new Date()): Promise<CsvDownload> {
  const { table, budget, ...filter } = q;
  const s = await costScope(ctx, filter, now);
  const currency = env().COST_CURRENCY;
  const name = (what: string) => `cost-${what}-${ctx.scope.tenant.slug}-${s.from}-to-${s.to}.csv`;
  switch (table) {
    case "spend":
      return new CsvDownload(spendCsv((await spendPart(ctx, s, q.groupBy)).chart, currency), name(`spend-by-${q.groupBy}`));
    case "unit-costs":
      return new CsvDownload(unitCostsCsv((await runsPart(ctx, s, Boolean(q.model))).unitCosts, currency), name("unit-costs"));
    case "top-teams":
    case "top-repositories":
    case "top-campaigns": {
      const top = (await spendPart(ctx, s, q.groupBy)).top;
      return new CsvDownload(topCsv(table === "top-teams" ? top.teams : table === "top-repositories" ? top.repositories : top.campaigns, currency), name(table));
    }
    case "top-runs":
      return new CsvDownload(topRunsCsv((await runsPart(ctx, s, Boolean(q.model))).top, currency), name("top-runs"));
    case "run-budgets":
      return new CsvDownload(runBudgetsCsv(await runBudgets(ctx.tx, s.tenantId, s), currency), name("run-budgets"));
    case "burndown": {
      const [b] = await budgetBurns(ctx.tx, s.tenantId, now, budget);
      if (!b) throw new AppError("not_found", "budget not found");
      return new CsvDownload(burndownCsv(b, currency), `cost-burndown-${ctx.scope.tenant.slug}-${b.name.replace(/[^A-Za-z0-9._-]+/g, "-")}-${b.periodKey}.csv`);
    }
  }
}
