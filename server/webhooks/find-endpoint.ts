import type { OpContext } from "../core/op-context";
import { AppError } from "../core/app-error";

export const webhookNotFound = () => new AppError("not_found", "webhook not found");

/** An endpoint of the scope's tenant, locked for the rest of the transaction; 404 as for a missing one. */
export async function lockEndpoint(ctx: OpContext, webhookId: string) {
  const rows = await ctx.tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "WebhookEndpoint" WHERE id = ${webhookId} AND "tenantId" = ${ctx.scope.tenant.id} FOR UPDATE`;
  if (rows.length === 0) throw webhookNotFound();
  return ctx.tx.webhookEndpoint.findUniqueOrThrow({ where: { id: webhookId } });
}
