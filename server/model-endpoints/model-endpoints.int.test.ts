// A tenant's model endpoint through its domain operations: set, read back without the key, keep or
// clear the key, the URL rules, tenant binding of the sealed key, and the audit trail (never the key).
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { readContext } from "../core/read-context";
import { openSecret } from "../secrets/secret-box";
import { createTestTenant } from "../test/create-tenant";
import { addPerson, runAs, scopeAs, type TestPerson, type TestTenant } from "../test/run-as";
import { deleteModelEndpoint } from "./delete-model-endpoint";
import { getModelEndpoint } from "./get-model-endpoint";
import { ZSetModelEndpoint, type SetModelEndpointInput } from "./model-endpoint-input";
import { setModelEndpoint } from "./set-model-endpoint";

let tenant: TestTenant;
let admin: TestPerson;
const KEY = `sk-test-${randomBytes(12).toString("hex")}`;

const set = (input: Partial<SetModelEndpointInput>) =>
  runAs(admin.id, tenant, "model-endpoints", (ctx) => setModelEndpoint(ctx, ZSetModelEndpoint.parse({ baseUrl: "https://models.example.test/v1/", model: "gpt-test", ...input })));
const get = async () => getModelEndpoint(readContext(await scopeAs(admin.id, tenant)));
const audit = () => db.auditEvent.findMany({ where: { tenantId: tenant.id, action: { startsWith: "model_endpoint." } }, orderBy: { seq: "asc" } });

beforeAll(async () => {
  tenant = await createTestTenant("model-endpoints");
  admin = await addPerson(tenant, ["tenant_admin"], "tenant-admin");
});

describe("a tenant's model endpoint", () => {
  it("is null until set; set, it reads back without its key, the key sealed for this tenant, the audit saying only that it changed", async () => {
    expect(await get()).toEqual({ endpoint: null });
    const { endpoint } = await set({ apiKey: KEY, maxOutputTokens: 2_048 });
    expect(endpoint).toMatchObject({ baseUrl: "https://models.example.test/v1", model: "gpt-test", keyConfigured: true, maxTurns: 40, maxOutputTokens: 2_048, timeoutMs: 60_000, updatedBy: expect.stringContaining("tenant-admin") });
    expect(await get()).toEqual({ endpoint });
    expect(JSON.stringify(await get())).not.toContain(KEY);
    const row = await db.modelEndpoint.findUniqueOrThrow({ where: { tenantId: tenant.id } });
    expect(row.keySealed).not.toContain(KEY);
    expect(openSecret(row.keySealed!, "model", tenant.id)).toBe(KEY);
    const [event] = await audit();
    expect(event).toMatchObject({ action: "model_endpoint.set", resourceType: "model_endpoint", resourceId: tenant.id, before: null });
    expect(event!.after).toMatchObject({ baseUrl: "https://models.example.test/v1", model: "gpt-test", maxOutputTokens: 2_048, keyConfigured: true, keyChanged: true });
    expect(JSON.stringify(event, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v))).not.toContain(KEY);
  });

  it("keeps the key when it is left out, replaces it when given, and removes it on clearKey", async () => {
    const sealedBefore = (await db.modelEndpoint.findUniqueOrThrow({ where: { tenantId: tenant.id } })).keySealed;
    expect((await set({ model: "gpt-other" })).endpoint).toMatchObject({ model: "gpt-other", keyConfigured: true, maxOutputTokens: 2_048 });
    expect((await db.modelEndpoint.findUniqueOrThrow({ where: { tenantId: tenant.id } })).keySealed).toBe(sealedBefore);
    expect((await audit()).at(-1)!).toMatchObject({ before: { model: "gpt-test", keyConfigured: true }, after: { model: "gpt-other", keyConfigured: true, keyChanged: false } });

    await set({ apiKey: "sk-second-key-0123456789" });
    const row = await db.modelEndpoint.findUniqueOrThrow({ where: { tenantId: tenant.id } });
    expect(openSecret(row.keySealed!, "model", tenant.id)).toBe("sk-second-key-0123456789");
    expect((await audit()).at(-1)!.after).toMatchObject({ keyChanged: true });

    expect((await set({ clearKey: true })).endpoint.keyConfigured).toBe(false);
    expect((await db.modelEndpoint.findUniqueOrThrow({ where: { tenantId: tenant.id } })).keySealed).toBeNull();
    expect((await audit()).at(-1)!).toMatchObject({ before: { keyConfigured: true }, after: { keyConfigured: false, keyChanged: true } });
  });

  it("refuses bad input at its field and changes nothing", async () => {
    const before = await db.modelEndpoint.findUniqueOrThrow({ where: { tenantId: tenant.id } });
    const refusals: [Partial<SetModelEndpointInput>, string, RegExp][] = [
      [{ baseUrl: "ftp://models.example.test" }, "body.baseUrl", /https/],
      [{ baseUrl: "http://models.example.test/v1" }, "body.baseUrl", /must use https \(plain http only/],
      [{ baseUrl: "https://10.0.0.5/v1" }, "body.baseUrl", /private or reserved network/],
      [{ baseUrl: "https://user:pw@models.example.test/v1" }, "body.baseUrl", /user name or password/],
      [{ baseUrl: "https://models.internal/v1" }, "body.baseUrl", /internal name/],
      [{ baseUrl: "https://models.example.test/v1?key=x" }, "body.baseUrl", /query/],
      [{ apiKey: "sk-x", clearKey: true }, "body.clearKey", /not both/],
    ];
    for (const [input, path, message] of refusals) {
      const body = { baseUrl: "https://models.example.test/v1", model: "gpt-test", ...input };
      // The operation refuses it (whoever calls it), and so does the body's schema, beside other fields' problems.
      await expect(runAs(admin.id, tenant, "model-endpoints", (ctx) => setModelEndpoint(ctx, body)), JSON.stringify(input))
        .rejects.toMatchObject({ code: "validation_failed", details: { issues: [{ path, message: expect.stringMatching(message) }] } });
      if (path === "body.baseUrl") {
        const parsed = ZSetModelEndpoint.safeParse({ ...body, model: "with space" });
        expect(parsed.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([["baseUrl", expect.stringMatching(message)], ["model", expect.any(String)]]);
      }
    }
    for (const bad of [{ apiKey: "" }, { apiKey: "   " }, { apiKey: "sk with space" }, { maxTurns: 0 }, { maxTurns: 201 }, { maxOutputTokens: 15 }, { maxOutputTokens: 200_001 }, { timeoutMs: 999 }, { timeoutMs: 600_001 }, { model: "" }]) {
      expect(ZSetModelEndpoint.safeParse({ baseUrl: "https://models.example.test/v1", model: "m", ...bad }).success, JSON.stringify(bad)).toBe(false);
    }
    expect(ZSetModelEndpoint.safeParse({ baseUrl: "https://m.example.test", model: "m", apiKey: "" }).error!.issues[0]!.message).toMatch(/empty key is not allowed/);
    for (const ok of [{ maxTurns: 1 }, { maxTurns: 200 }, { maxOutputTokens: 16 }, { maxOutputTokens: 200_000 }, { timeoutMs: 1_000 }, { timeoutMs: 600_000 }]) {
      expect(ZSetModelEndpoint.safeParse({ baseUrl: "https://models.example.test/v1", model: "m", ...ok }).success, JSON.stringify(ok)).toBe(true);
    }
    expect(await db.modelEndpoint.findUniqueOrThrow({ where: { tenantId: tenant.id } })).toEqual(before);
  });

  it("a key sealed for one tenant does not open for another", async () => {
    await set({ apiKey: KEY });
    const sealed = (await db.modelEndpoint.findUniqueOrThrow({ where: { tenantId: tenant.id } })).keySealed!;
    const other = await createTestTenant("model-endpoints-other");
    expect(() => openSecret(sealed, "model", other.id)).toThrow(/cannot be decrypted/);
  });

  it("is removed by delete (audited), and a second delete answers the same", async () => {
    expect(await runAs(admin.id, tenant, "model-endpoints", deleteModelEndpoint)).toEqual({ endpoint: null, removed: true });
    expect(await get()).toEqual({ endpoint: null });
    expect(await runAs(admin.id, tenant, "model-endpoints", deleteModelEndpoint)).toEqual({ endpoint: null, removed: false });
    const [first, second] = (await audit()).slice(-2);
    expect(first).toMatchObject({ action: "model_endpoint.delete", before: { baseUrl: "https://models.example.test/v1", keyConfigured: true }, after: { removed: true, keyChanged: true } });
    expect(second).toMatchObject({ action: "model_endpoint.delete", before: null, after: { removed: false } });
  });
});
