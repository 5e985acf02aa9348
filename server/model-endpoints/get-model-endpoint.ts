import type { OpContext } from "../core/op-context";
import { modelEndpointView, type ModelEndpointView } from "./model-endpoint-view";

/** The tenant's model endpoint without its key; null when none is configured. */
export async function getModelEndpoint(ctx: OpContext): Promise<{ endpoint: ModelEndpointView | null }> {
  const row = await ctx.tx.modelEndpoint.findUnique({ where: { tenantId: ctx.scope.tenant.id } });
  return { endpoint: row ? modelEndpointView(row) : null };
}
