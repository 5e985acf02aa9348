import type { z } from "zod";
import { generateToken } from "../auth/api-token";
import { permissionsOfRoles } from "../authz/permissions";
import { AppError } from "../core/app-error";
import type { OpContext } from "../core/op-context";
import type { ZCreateToken } from "./token-input";
import { tokenInclude, tokenView, type ApiTokenView } from "./token-view";

export async function createToken(ctx: OpContext, input: z.infer<typeof ZCreateToken>): Promise<ApiTokenView & { token: string }> {
  const actor = ctx.scope.actor;
  if (actor.kind !== "user") throw new AppError("forbidden", "API tokens cannot create API tokens; sign in to create one");
  // A token holds a subset of its creator's permissions, never more.
  const exceeding = [...permissionsOfRoles(input.roles)].filter((p) => !ctx.scope.permissions.has(p));
  if (exceeding.length) {
    throw new AppError("forbidden", `these roles grant permissions you do not hold: ${exceeding.join(", ")}`, { permissions: exceeding });
  }
  const { token, prefix, hash } = generateToken();
  const expiresAt = input.expiresInDays === null ? null : new Date(Date.now() + input.expiresInDays * 86_400_000);
  const row = await ctx.tx.apiToken.create({
    data: { tenantId: ctx.scope.tenant.id, name: input.name, prefix, tokenHash: hash, roles: input.roles, createdById: actor.id, expiresAt },
    include: tokenInclude,
  });
  await ctx.audit({ action: "token.create", resourceType: "api_token", resourceId: row.id, after: { name: row.name, prefix, roles: row.roles, expiresAt: expiresAt?.toISOString() ?? null } });
  return { ...tokenView(row), token };
}
