import { z } from "zod";
import { defineRoute, ZId, ZTenantParam } from "../http/define-route";
import { ZCostExportQuery, ZCostFilter } from "../cost/cost-filter";
import { ZCostDashboard } from "../cost/cost-view";
import { ZCampaignCost, ZRunCost } from "../cost/run-cost-view";

const tenantParams = z.object({ tenant: ZTenantParam });

export const costDashboardRoute = defineRoute({
  id: "cost.dashboard", method: "GET", path: "/api/v1/tenants/{tenant}/cost", tag: "cost",
  summary: "The cost dashboard over a range of UTC days: spend per day stacked by team, task class, campaign, repository, model or kind of work (the top 7 and the others); cost per run and per succeeded run (runs that finished in the range) and per pull request merged in it; the top teams, repositories, campaigns and runs; each budget's burn-down for its current period with a projection to its end and when it would run out; per-run budgets with the runs they stopped. Amounts in micro-units of the currency",
  permission: "cost.read", params: tenantParams, query: ZCostFilter, response: ZCostDashboard,
  example: { query: { range: "7d", groupBy: "model" } },
});

export const costExportRoute = defineRoute({
  id: "cost.export", method: "GET", path: "/api/v1/tenants/{tenant}/cost/export", tag: "cost", produces: "text/csv",
  summary: "The table behind one of the cost dashboard's charts as a CSV download (table=...; the same filters as the dashboard): amounts as exact decimals with a currency column, days in UTC",
  permission: "cost.read", params: tenantParams, query: ZCostExportQuery,
  response: z.string().describe("CSV text (RFC 4180), with a header row"),
  example: { query: { table: "spend", range: "7d" } },
});

export const runCostRoute = defineRoute({
  id: "run.cost", method: "GET", path: "/api/v1/tenants/{tenant}/runs/{runId}/cost", tag: "cost",
  summary: "A run's cost: its total, by kind of work (model calls with tokens, sandbox seconds, verifier minutes) and model, whether any of it was costed at the default price or settled at the reserved amount, what it holds now, the budgets it drew on (their period's spend) and the budget it waits for, if any",
  permission: "cost.read", params: z.object({ tenant: ZTenantParam, runId: ZId }), response: ZRunCost,
});

export const campaignCostRoute = defineRoute({
  id: "campaign.cost", method: "GET", path: "/api/v1/tenants/{tenant}/campaigns/{campaignId}/cost", tag: "cost",
  summary: "A campaign's spend so far (its runs' cost, runs costed) against each of its campaign budgets: limit, the current period's spend and holds, percent",
  permission: "cost.read", params: z.object({ tenant: ZTenantParam, campaignId: ZId }), response: ZCampaignCost,
});
