// Who is calling: an API token (Authorization: Bearer) or a live signed-in session. Memberships are
// read fresh on every request, so a role change or removal takes effect at once.
import { db } from "../db/client";
import { AppError } from "../core/app-error";
import { permissionsOfRoles, type Permission } from "../authz/permissions";
import { knownRoles, type Role } from "../authz/roles";
import type { Actor } from "../authz/scope";
import { hashToken, TOKEN_PREFIX } from "./api-token";
import { cookieJar, sessionUser } from "./session-user";

const LAST_USED_RESOLUTION_MS = 60_000;

export async function authenticate(req: Request): Promise<Actor | null> {
  const header = req.headers.get("authorization");
  if (header) return authenticateToken(header);
  return sessionUser(cookieJar(req.headers.get("cookie")));
}

async function authenticateToken(header: string): Promise<Actor> {
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  const invalid = new AppError("unauthenticated", "the API token is invalid, revoked or expired");
  if (!match || !match[1]!.startsWith(TOKEN_PREFIX)) throw invalid;
  const token = await db.apiToken.findUnique({
    where: { tokenHash: hashToken(match[1]!) },
    include: { createdBy: { include: { memberships: true } } },
  });
  const now = new Date();
  if (!token || token.revokedAt || (token.expiresAt && token.expiresAt <= now) || token.createdBy.disabled) throw invalid;
  // A token never holds more than its creator may still do in its tenant.
  const creatorRoles: Role[] = knownRoles(token.createdBy.memberships.find((m) => m.tenantId === token.tenantId)?.roles ?? []);
  if (token.createdBy.platformAdmin) creatorRoles.push("platform_admin");
  const creator = permissionsOfRoles(creatorRoles);
  const granted = permissionsOfRoles(knownRoles(token.roles));
  const permissions = new Set<Permission>([...granted].filter((p) => creator.has(p)));
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: now } });
  }
  return { kind: "token", id: token.id, name: token.name, userId: token.createdById, tenantId: token.tenantId, permissions };
}
