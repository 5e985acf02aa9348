// Sets the tenant's model endpoint (one per tenant). The key is sealed for the tenant before it is
// stored; the audit event says only whether it changed, never what it is.
import { actorLabel } from "../authz/scope";
import type { OpContext } from "../core/op-context";
import { sealSecret } from "../secrets/secret-box";
import { acceptedBaseUrl, checkKeyChoice, type SetModelEndpointInput } from "./model-endpoint-input";
import { modelEndpointView, type ModelEndpointView } from "./model-endpoint-view";

const FIELDS = ["baseUrl", "model", "maxTurns", "maxOutputTokens", "timeoutMs"] as const;
// Audit payloads lose the value of any key naming a secret ("token..."), so the budget is written as "budget".
const AUDIT_NAME: Record<(typeof FIELDS)[number], string> = { baseUrl: "baseUrl", model: "model", maxTurns: "maxTurns", maxOutputTokens: "maxOutputTokens", timeoutMs: "timeoutMs" };

export async function setModelEndpoint(ctx: OpContext, input: SetModelEndpointInput): Promise<{ endpoint: ModelEndpointView }> {
  const tenantId = ctx.scope.tenant.id;
  checkKeyChoice(input);
  const baseUrl = acceptedBaseUrl(input.baseUrl);
  // Serialises concurrent changes, so before/after in the audit trail are what each one saw.
  await ctx.tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`model-endpoint:${tenantId}`}))`;
  const current = await ctx.tx.modelEndpoint.findUnique({ where: { tenantId } });
  const keySealed = input.apiKey !== undefined ? sealSecret(input.apiKey, "model", tenantId) : input.clearKey ? null : (current?.keySealed ?? null);
  const limits = {
    ...(input.maxTurns !== undefined ? { maxTurns: input.maxTurns } : {}),
    ...(input.maxOutputTokens !== undefined ? { maxOutputTokens: input.maxOutputTokens } : {}),
    ...(input.timeoutMs !== undefined ? { timeoutMs: input.timeoutMs } : {}),
  };
  const data = { baseUrl, model: input.model, keySealed, ...limits, updatedByLabel: actorLabel(ctx.scope.actor) };
  const row = await ctx.tx.modelEndpoint.upsert({ where: { tenantId }, create: { tenantId, ...data }, update: data });

  const keyChanged = input.apiKey !== undefined || (Boolean(input.clearKey) && current?.keySealed != null);
  const changed = FIELDS.filter((k) => !current || current[k] !== row[k]);
  await ctx.audit({
    action: "model_endpoint.set", resourceType: "model_endpoint", resourceId: tenantId,
    before: current ? { ...Object.fromEntries(changed.map((k) => [AUDIT_NAME[k], current[k]])), keyConfigured: current.keySealed !== null } : null,
    after: { ...Object.fromEntries(changed.map((k) => [AUDIT_NAME[k], row[k]])), keyConfigured: row.keySealed !== null, keyChanged },
  });
  return { endpoint: modelEndpointView(row) };
}
