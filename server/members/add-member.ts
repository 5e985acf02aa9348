import bcrypt from "bcryptjs";
import { z } from "zod";
import { AppError } from "../http/app-error";
import type { OpContext } from "../http/op-context";
import { memberInclude, memberView, ZRoles, type MemberView } from "./member-view";

export const ZAddMember = z.object({
  email: z.string().trim().toLowerCase().email("must be an e-mail address").max(320),
  name: z.string().trim().min(1).max(120).optional().describe("required when the person is new to Fleetgate"),
  roles: ZRoles,
  initialPassword: z.string().min(12, "must be at least 12 characters").max(200).optional()
    .describe("platform admins only: for a new person who signs in with a local account; omit for single sign-on"),
}).strict();

export async function addMember(ctx: OpContext, input: z.infer<typeof ZAddMember>): Promise<MemberView> {
  const tenantId = ctx.scope.tenant.id;
  // Accounts are platform-wide: a password chosen by one tenant's admin would let that admin into
  // every tenant that later adds the same person. Only platform admins, trusted everywhere, set one.
  if (input.initialPassword && !ctx.scope.roles.includes("platform_admin")) {
    throw new AppError("forbidden", "only platform admins may set a password; tenant admins add people who sign in with single sign-on", {
      permission: "platform_admin",
    });
  }
  let user = await ctx.tx.user.findUnique({ where: { email: input.email } });
  if (!user) {
    if (!input.name) {
      throw new AppError("validation_failed", "body.name is required for a person new to Fleetgate", {
        issues: [{ path: "body.name", message: "is required for a person new to Fleetgate" }],
      });
    }
    const passwordHash = input.initialPassword ? await bcrypt.hash(input.initialPassword, 10) : null;
    user = await ctx.tx.user.create({ data: { email: input.email, name: input.name, passwordHash } });
    await ctx.audit({ action: "user.create", resourceType: "user", resourceId: user.id, after: { email: user.email, name: user.name, localPassword: Boolean(passwordHash) } });
  } else if (input.initialPassword) {
    throw new AppError("validation_failed", "body.initialPassword can only be set for a person new to Fleetgate", {
      issues: [{ path: "body.initialPassword", message: "can only be set for a person new to Fleetgate" }],
    });
  }
  const existing = await ctx.tx.membership.findUnique({ where: { tenantId_userId: { tenantId, userId: user.id } } });
  if (existing) throw new AppError("conflict", `${input.email} is already a member of this tenant`);
  const m = await ctx.tx.membership.create({ data: { tenantId, userId: user.id, roles: input.roles }, include: memberInclude });
  await ctx.audit({ action: "member.add", resourceType: "membership", resourceId: m.id, after: { email: user.email, roles: input.roles } });
  return memberView(m);
}
