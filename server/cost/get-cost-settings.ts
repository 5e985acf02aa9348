// The tenant's cost settings; a tenant that never changed them costs unknown models at the default.
import type { OpContext } from "../core/op-context";
import { env } from "../env";
import type { CostSettingsView } from "./cost-settings-view";
import type { UnknownModelChoice } from "./price-input";

export async function getCostSettings(ctx: OpContext): Promise<CostSettingsView> {
  const row = await ctx.tx.tenantCostSettings.findUnique({ where: { tenantId: ctx.scope.tenant.id } });
  return {
    unknownModel: (row?.unknownModel ?? "default") as UnknownModelChoice,
    currency: env().COST_CURRENCY,
    updatedByLabel: row?.updatedByLabel ?? null,
    updatedAt: row?.updatedAt.toISOString() ?? null,
  };
}
