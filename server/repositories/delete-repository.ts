import { notFound } from "../core/app-error";
import type { OpContext } from "../core/op-context";

export async function deleteRepository(ctx: OpContext, id: string): Promise<{ deleted: true; id: string }> {
  const repo = await ctx.tx.repository.findFirst({ where: { id, tenantId: ctx.scope.tenant.id } });
  if (!repo) throw notFound("repository");
  await ctx.tx.repository.delete({ where: { id: repo.id } });
  await ctx.audit({ action: "repository.delete", resourceType: "repository", resourceId: repo.id, before: { fullName: `${repo.owner}/${repo.name}`, riskTier: repo.riskTier } });
  return { deleted: true, id: repo.id };
}
