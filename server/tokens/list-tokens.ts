import type { OpContext } from "../core/op-context";
import { tokenInclude, tokenView, type ApiTokenView } from "./token-view";

export async function listTokens(ctx: OpContext): Promise<{ tokens: ApiTokenView[] }> {
  const rows = await ctx.tx.apiToken.findMany({ where: { tenantId: ctx.scope.tenant.id }, include: tokenInclude, orderBy: { createdAt: "desc" }, take: 500 });
  return { tokens: rows.map(tokenView) };
}
