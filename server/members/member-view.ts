import { z } from "zod";
import { knownRoles, TENANT_ROLES } from "../authz/roles";

export const ZRole = z.enum(TENANT_ROLES, { message: `must be one of ${TENANT_ROLES.join(", ")}` });
export const ZRoles = z.array(ZRole).min(1, "give at least one role").max(TENANT_ROLES.length).refine((r) => new Set(r).size === r.length, "lists a role twice");

export const ZMember = z.object({
  id: z.string(),
  userId: z.string(),
  email: z.string(),
  name: z.string(),
  roles: z.array(ZRole),
  singleSignOn: z.boolean(),
  githubLogin: z.string().nullable().describe("their GitHub login, linked by a tenant admin or the sign-in provider"),
  createdAt: z.string(),
});
export type MemberView = z.infer<typeof ZMember>;

type Row = { id: string; userId: string; roles: string[]; githubLogin: string | null; createdAt: Date; user: { email: string; name: string; oidcSubject: string | null } };

export const memberView = (m: Row): MemberView => ({
  id: m.id,
  userId: m.userId,
  email: m.user.email,
  name: m.user.name,
  roles: knownRoles(m.roles),
  singleSignOn: Boolean(m.user.oidcSubject),
  githubLogin: m.githubLogin,
  createdAt: m.createdAt.toISOString(),
});

export const memberInclude = { user: { select: { email: true, name: true, oidcSubject: true } } } as const;
