import { AppError, notFound } from "../core/app-error";
import type { OpContext } from "../core/op-context";
import { tokenInclude, tokenView, type ApiTokenView } from "./token-view";

export async function revokeToken(ctx: OpContext, tokenId: string): Promise<ApiTokenView> {
  const found = await ctx.tx.apiToken.findFirst({ where: { id: tokenId, tenantId: ctx.scope.tenant.id } });
  if (!found) throw notFound("API token");
  // Conditional update: of two revocations at once, only one changes the row (and audits).
  const { count } = await ctx.tx.apiToken.updateMany({ where: { id: found.id, revokedAt: null }, data: { revokedAt: new Date() } });
  if (count === 0) throw new AppError("conflict", "this token is already revoked");
  const row = await ctx.tx.apiToken.findUniqueOrThrow({ where: { id: found.id }, include: tokenInclude });
  await ctx.audit({ action: "token.revoke", resourceType: "api_token", resourceId: row.id, before: { name: row.name, prefix: row.prefix, revoked: false }, after: { revoked: true } });
  return tokenView(row);
}
