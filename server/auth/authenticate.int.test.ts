import { afterAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "../db/client";
import { AppError } from "../core/app-error";
import { generateToken } from "./api-token";
import { authenticate } from "./authenticate";

afterAll(() => disconnectDb());

const bearer = (token: string) => new Request("http://x/api/v1/tenants/acme", { headers: { authorization: `Bearer ${token}` } });

async function tokenFor(email: string, roles: string[], extra: { expiresAt?: Date; revokedAt?: Date } = {}) {
  const user = await db.user.findUniqueOrThrow({ where: { email }, include: { memberships: { include: { tenant: true } } } });
  const acme = user.memberships.find((m) => m.tenant.slug === "acme")!;
  const t = generateToken();
  await db.apiToken.create({ data: { tenantId: acme.tenantId, name: "t", prefix: t.prefix, tokenHash: t.hash, roles, createdById: user.id, ...extra } });
  return { token: t.token, tenantId: acme.tenantId, userId: user.id };
}

describe("authenticate with an API token", () => {
  it("gives the token's roles, limited to what its creator still holds", async () => {
    const t = await tokenFor("tenant-admin@acme.test", ["viewer", "auditor"]);
    const actor = await authenticate(bearer(t.token));
    expect(actor?.kind).toBe("token");
    if (actor?.kind !== "token") return;
    expect(actor.tenantId).toBe(t.tenantId);
    expect(actor.permissions.has("repository.read")).toBe(true);
    // auditor grants audit.export, which the tenant admin who created it does not hold
    expect(actor.permissions.has("audit.export")).toBe(false);
    expect(actor.permissions.has("audit.read")).toBe(true);
  });

  it("records when a token was last used", async () => {
    const t = await tokenFor("tenant-admin@acme.test", ["viewer"]);
    await authenticate(bearer(t.token));
    const row = await db.apiToken.findFirstOrThrow({ where: { createdById: t.userId }, orderBy: { createdAt: "desc" } });
    expect(row.lastUsedAt).not.toBeNull();
  });

  it.each([
    ["revoked", { revokedAt: new Date() }],
    ["expired", { expiresAt: new Date(Date.now() - 1000) }],
  ])("refuses a %s token", async (_name, extra) => {
    const t = await tokenFor("tenant-admin@acme.test", ["viewer"], extra);
    await expect(authenticate(bearer(t.token))).rejects.toMatchObject({ code: "unauthenticated" });
  });

  it.each(["Bearer nonsense", "Bearer fg_doesnotexist0000000000000000", "Basic abc", "Bearer"])("refuses the header %j", async (header) => {
    const err = await authenticate(new Request("http://x/", { headers: { authorization: header } })).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe("unauthenticated");
  });
});
