// Chooses how the tenant's model calls without a price of their own are costed: at the "*" default
// (and marked so), or refused. Calls already costed keep what they were costed at.
import { actorLabel } from "../authz/scope";
import type { OpContext } from "../core/op-context";
import type { CostSettingsView } from "./cost-settings-view";
import { getCostSettings } from "./get-cost-settings";
import type { SetCostSettingsInput } from "./price-input";

export async function setCostSettings(ctx: OpContext, input: SetCostSettingsInput): Promise<CostSettingsView> {
  const tenantId = ctx.scope.tenant.id;
  const before = await getCostSettings(ctx);
  const by = actorLabel(ctx.scope.actor);
  await ctx.tx.tenantCostSettings.upsert({
    where: { tenantId },
    create: { tenantId, unknownModel: input.unknownModel, updatedByLabel: by },
    update: { unknownModel: input.unknownModel, updatedByLabel: by },
  });
  const after = await getCostSettings(ctx);
  await ctx.audit({
    action: "cost_settings.update", resourceType: "cost_settings", resourceId: tenantId,
    before: { unknownModel: before.unknownModel }, after: { unknownModel: after.unknownModel },
  });
  return after;
}
