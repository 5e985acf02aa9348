// Removes the tenant's model endpoint and its key. Idempotent: removing what is not there answers
// the same (and is recorded, as the admin's intent). Runs already started keep the configuration
// they read; new model tasks are refused until an endpoint is set again.
import type { OpContext } from "../core/op-context";
import { modelEndpointView } from "./model-endpoint-view";

export async function deleteModelEndpoint(ctx: OpContext): Promise<{ endpoint: null; removed: boolean }> {
  const tenantId = ctx.scope.tenant.id;
  await ctx.tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`model-endpoint:${tenantId}`}))`;
  const current = await ctx.tx.modelEndpoint.findUnique({ where: { tenantId } });
  if (current) await ctx.tx.modelEndpoint.delete({ where: { tenantId } });
  const view = current ? modelEndpointView(current) : null;
  await ctx.audit({
    action: "model_endpoint.delete", resourceType: "model_endpoint", resourceId: tenantId,
    before: view ? { baseUrl: view.baseUrl, model: view.model, keyConfigured: view.keyConfigured } : null,
    after: { removed: Boolean(current), ...(current?.keySealed ? { keyChanged: true } : {}) },
  });
  return { endpoint: null, removed: Boolean(current) };
}
