import { z } from "zod";
import { ZCreateBudget, ZUpdateBudget } from "../cost/budget-input";
import { ZBudget } from "../cost/budget-schema";
import { ZBudgetDetail } from "../cost/budget-schema";
import { defineRoute, ZId, ZTenantParam } from "../http/define-route";

const tenantParams = z.object({ tenant: ZTenantParam });
const budgetParams = z.object({ tenant: ZTenantParam, budgetId: ZId });

export const listBudgetsRoute = defineRoute({
  id: "budget.list", method: "GET", path: "/api/v1/tenants/{tenant}/budgets", tag: "budgets",
  summary: "The tenant's budgets, active first, then archived: each with its rules and its current period's spend, reserved and remaining (0 spent for a period nothing drew on yet)",
  permission: "cost.read", params: tenantParams, response: z.object({ currency: z.string().describe("the platform's one currency (COST_CURRENCY)"), budgets: z.array(ZBudget) }),
});

export const createBudgetRoute = defineRoute({
  id: "budget.create", method: "POST", path: "/api/v1/tenants/{tenant}/budgets", tag: "budgets",
  summary: "Create a budget over the tenant, a team (teamId), a campaign (campaignId) or each run; soft (alerts at its thresholds) or hard (refuses work that would pass it: the run fails, or waits for a raise with onExhausted: approval); per day, week or month (UTC), the campaign's life, or per run. Bad combinations answer 422 naming the field; a name in use 409",
  permission: "budget.manage", params: tenantParams, body: ZCreateBudget, response: ZBudget, status: 201,
  example: { body: { name: "API test budget", scope: "tenant", mode: "soft", period: "month", limitMicros: 100_000_000, thresholds: [50, 80, 100] } },
});

export const getBudgetRoute = defineRoute({
  id: "budget.get", method: "GET", path: "/api/v1/tenants/{tenant}/budgets/{budgetId}", tag: "budgets",
  summary: "One budget with its current period, its latest periods, and its history: who created, changed or archived it and what changed, newest first",
  permission: "cost.read", params: budgetParams, response: ZBudgetDetail,
});

export const updateBudgetRoute = defineRoute({
  id: "budget.update", method: "PATCH", path: "/api/v1/tenants/{tenant}/budgets/{budgetId}", tag: "budgets",
  summary: "Change a budget's name, limit, thresholds, mode or onExhausted (its scope, target and period are fixed); the current period keeps its spend. An archived budget answers 409",
  permission: "budget.manage", params: budgetParams, body: ZUpdateBudget, response: ZBudget,
  example: { body: { limitMicros: 250_000_000 } },
});

export const archiveBudgetRoute = defineRoute({
  id: "budget.archive", method: "POST", path: "/api/v1/tenants/{tenant}/budgets/{budgetId}/archive", tag: "budgets",
  summary: "Archive a budget: it covers no new work (held reservations settle as usual) and stays with its history",
  permission: "budget.manage", params: budgetParams, response: ZBudget,
});
