import { z } from "zod";
import { ZRole } from "../members/member-view";

export const ZApiToken = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  roles: z.array(ZRole),
  createdBy: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  createdAt: z.string(),
  status: z.enum(["active", "expired", "revoked"]),
});
export type ApiTokenView = z.infer<typeof ZApiToken>;

type Row = {
  id: string; name: string; prefix: string; roles: string[]; expiresAt: Date | null; lastUsedAt: Date | null;
  revokedAt: Date | null; createdAt: Date; createdBy: { email: string };
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const tokenView = (t: Row): ApiTokenView => ({
  id: t.id, name: t.name, prefix: t.prefix, roles: t.roles as ApiTokenView["roles"], createdBy: t.createdBy.email,
  expiresAt: iso(t.expiresAt), lastUsedAt: iso(t.lastUsedAt), revokedAt: iso(t.revokedAt), createdAt: t.createdAt.toISOString(),
  status: t.revokedAt ? "revoked" : t.expiresAt && t.expiresAt <= new Date() ? "expired" : "active",
});

export const tokenInclude = { createdBy: { select: { email: true } } } as const;

export const ZCreatedToken = ZApiToken.extend({ token: z.string().describe("shown once; store it now") });
