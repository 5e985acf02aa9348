import type { z } from "zod";
import type { Prisma } from "../db/client";
import { AppError } from "../core/app-error";
import type { OpContext } from "../core/op-context";
import type { ZListRepositoriesQuery } from "./repository-input";
import { repositoryInclude, repositoryView, type RepositoryView } from "./repository-view";

export async function listRepositories(ctx: OpContext, q: z.infer<typeof ZListRepositoriesQuery>): Promise<{ repositories: RepositoryView[]; nextCursor: string | null }> {
  const where: Prisma.RepositoryWhereInput = { tenantId: ctx.scope.tenant.id };
  if (q.riskTier) where.riskTier = q.riskTier;
  if (q.teamId) where.teamId = q.teamId;
  if (q.q) where.OR = [{ name: { contains: q.q, mode: "insensitive" } }, { owner: { contains: q.q, mode: "insensitive" } }];
  // The cursor must name a repository of this tenant: Prisma resolves a cursor by id alone.
  if (q.cursor && !(await ctx.tx.repository.findFirst({ where: { id: q.cursor, tenantId: ctx.scope.tenant.id }, select: { id: true } }))) {
    throw new AppError("validation_failed", "query.cursor names no repository in this tenant", { issues: [{ path: "query.cursor", message: "names no repository in this tenant" }] });
  }
  const rows = await ctx.tx.repository.findMany({
    where,
    include: repositoryInclude,
    orderBy: [{ owner: "asc" }, { name: "asc" }, { id: "asc" }],
    take: q.limit + 1,
    ...(q.cursor ? { cursor: { id: q.cursor }, skip: 1 } : {}),
  });
  const page = rows.slice(0, q.limit);
  return { repositories: page.map(repositoryView), nextCursor: rows.length > q.limit ? page[page.length - 1]!.id : null };
}
