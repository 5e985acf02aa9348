// Creates a budget: over the tenant, a team's runs, a campaign's runs or each run; soft (alerts at
// its thresholds) or hard (work that would pass it is refused before it starts). It counts from
// the first cost recorded after it exists.
import { actorLabel } from "../authz/scope";
import type { OpContext } from "../core/op-context";
import { DEFAULT_THRESHOLDS, type CreateBudgetInput } from "./budget-input";
import { budgetAuditShape } from "./budget-view";
import { type BudgetView } from "./budget-schema";
import { budgetViews } from "./budget-views";
import { checkCurrency, fieldError } from "./field-error";
import { checkNameFree } from "./find-budget";

export async function createBudget(ctx: OpContext, input: CreateBudgetInput): Promise<BudgetView> {
  const tenantId = ctx.scope.tenant.id;
  checkCurrency(input.currency);
  if (input.teamId && !(await ctx.tx.team.findFirst({ where: { id: input.teamId, tenantId }, select: { id: true } }))) {
    throw fieldError("body.teamId", "names no team of this tenant");
  }
  if (input.campaignId && !(await ctx.tx.campaign.findFirst({ where: { id: input.campaignId, tenantId }, select: { id: true } }))) {
    throw fieldError("body.campaignId", "names no campaign of this tenant");
  }
  // Serialises budget names within the tenant, so the check below holds (the unique index stays a backstop).
  await ctx.tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`budgets:${tenantId}`}))`;
  await checkNameFree(ctx, input.name);
  const row = await ctx.tx.budget.create({
    data: {
      tenantId, name: input.name, scope: input.scope, teamId: input.teamId ?? null, campaignId: input.campaignId ?? null,
      mode: input.mode, limitMicros: BigInt(input.limitMicros), period: input.period,
      thresholds: [...(input.thresholds ?? (input.scope === "run" ? [] : DEFAULT_THRESHOLDS))].sort((a, b) => a - b), onExhausted: input.onExhausted ?? "fail",
      createdByLabel: actorLabel(ctx.scope.actor),
    },
  });
  await ctx.audit({ action: "budget.create", resourceType: "budget", resourceId: row.id, after: budgetAuditShape(row) });
  return (await budgetViews(ctx, [row]))[0]!;
}
