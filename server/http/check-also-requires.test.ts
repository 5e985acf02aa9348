import { describe, expect, it } from "vitest";
import { z } from "zod";
import { permissionsOfRoles, PERMISSIONS } from "../authz/permissions";
import type { Role } from "../authz/roles";
import { ROUTES } from "../contracts/routes";
import { AppError } from "../core/app-error";
import type { OpContext } from "../core/op-context";
import { checkAlsoRequires } from "./check-also-requires";
import { defineRoute, ZId, ZTenantParam, type ConditionalPermission } from "./define-route";
import { openApiDocument } from "./openapi";
import { ROUTE_CONDITIONS } from "./route-conditions";

const route = defineRoute({
  id: "test.thing", method: "POST", path: "/api/v1/tenants/{tenant}/things", tag: "test", summary: "test only",
  permission: "killswitch.set", params: z.object({ tenant: ZTenantParam }), body: z.object({ level: z.enum(["tenant", "global"]) }), response: z.unknown(),
  alsoRequires: [{ permission: "killswitch.global", when: "setsGlobalKillSwitch", because: "it stops every tenant" }],
});

// A context whose database answers nothing: a condition that reads it throws.
const ctxOf = (roles: Role[]) => {
  const tx = new Proxy({}, { get: (_t, name) => { throw new Error(`read the database (${String(name)})`); } });
  return { scope: { permissions: permissionsOfRoles(roles) }, tx } as unknown as OpContext;
};
const input = (level: "tenant" | "global") => ({ params: { tenant: "acme" }, query: undefined, body: { level } });

describe("checkAlsoRequires", () => {
  it("refuses a request that needs the further permission, naming it and why", async () => {
    const err = await checkAlsoRequires(route, ctxOf(["tenant_admin"]), input("global")).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: "forbidden", message: "missing permission killswitch.global: it stops every tenant", details: { permission: "killswitch.global" } });
  });

  it("lets through a request that does not need it, and one whose caller holds it", async () => {
    await expect(checkAlsoRequires(route, ctxOf(["tenant_admin"]), input("tenant"))).resolves.toBeUndefined();
    await expect(checkAlsoRequires(route, ctxOf(["platform_admin"]), input("global"))).resolves.toBeUndefined();
  });

  it("asks no condition of a caller who holds the permission: nothing is read for them", async () => {
    const release = ROUTES.find((r) => r.id === "killswitch.release")!;
    const request = { params: { tenant: "acme", killSwitchId: "ks1" }, query: undefined, body: { reason: "done" } };
    await expect(checkAlsoRequires(release, ctxOf(["platform_admin"]), request)).resolves.toBeUndefined();
    await expect(checkAlsoRequires(release, ctxOf(["tenant_admin"]), request)).rejects.toThrow(/read the database \(killSwitch\)/);
  });

  it("refuses a condition name it does not know (fail closed)", async () => {
    const unknown = { alsoRequires: [{ permission: "killswitch.global", when: "noSuchCondition", because: "unknown" }] as unknown as ConditionalPermission[] };
    await expect(checkAlsoRequires(unknown, ctxOf(["tenant_admin"]), input("tenant"))).rejects.toMatchObject({ code: "forbidden" });
  });

  it("lets a contract name only a condition that exists and that its request can answer (a type error otherwise)", () => {
    const params = z.object({ tenant: ZTenantParam });
    const base = { method: "POST", path: "/api/v1/tenants/{tenant}/things", tag: "test", summary: "test only", permission: "killswitch.set", response: z.unknown() } as const;
    // @ts-expect-error no such condition
    defineRoute({ ...base, id: "t.unknown", params, alsoRequires: [{ permission: "killswitch.global", when: "noSuchCondition", because: "x" }] });
    // @ts-expect-error namesPlatformPolicy reads params.documentId, which this route has not
    defineRoute({ ...base, id: "t.params", params, alsoRequires: [{ permission: "policy.platform", when: "namesPlatformPolicy", because: "x" }] });
    // @ts-expect-error globalScheduler reads body.scope, which this route's body has not
    defineRoute({ ...base, id: "t.body", params, body: z.object({ reason: z.string() }), alsoRequires: [{ permission: "scheduler.global", when: "globalScheduler", because: "x" }] });
    const ok = defineRoute({ ...base, id: "t.ok", params: params.extend({ documentId: ZId }), alsoRequires: [{ permission: "policy.platform", when: "namesPlatformPolicy", because: "x" }] });
    expect(ok.alsoRequires?.[0]?.when).toBe("namesPlatformPolicy");
  });
});

describe("the conditions that read only the body", () => {
  const holds = (name: keyof typeof ROUTE_CONDITIONS, body: unknown) => (ROUTE_CONDITIONS[name].holds as (r: unknown, c: OpContext) => boolean)({ body }, ctxOf([]));
  const yaml = (level: string) => `apiVersion: fleetgate/v1\nkind: Policy\nmetadata:\n  name: p\n  level: ${level}\nrules:\n  - id: r\n    match: { actions: [tool.shell] }\n    effect: deny\n    reason: no\n`;

  it("read the body as the operation does", () => {
    expect([holds("setsGlobalKillSwitch", { level: "global" }), holds("setsGlobalKillSwitch", { level: "tenant" })]).toEqual([true, false]);
    expect([holds("globalScheduler", { scope: "global" }), holds("globalScheduler", { scope: "tenant" })]).toEqual([true, false]);
    expect([holds("setsPlatformPrice", { scope: "platform" }), holds("setsPlatformPrice", { scope: "tenant" })]).toEqual([true, false]);
    expect([holds("setsInitialPassword", { initialPassword: "a long enough password" }), holds("setsInitialPassword", { email: "a@example.test" })]).toEqual([true, false]);
    expect([holds("declaresPlatformPolicy", { content: yaml("platform") }), holds("declaresPlatformPolicy", { content: yaml("tenant") })]).toEqual([true, false]);
    // YAML the operation refuses (422) does not need the permission: nothing is created from it.
    expect(holds("declaresPlatformPolicy", { content: "metadata: [level: platform" })).toBe(false);
  });
});

describe("the routes' further permissions", () => {
  const conditional = ROUTES.flatMap((r) => (r.alsoRequires ?? []).map((a) => [r.id, r, a] as const));

  it("cover the platform-wide requests", () => {
    expect(conditional.map(([id, , a]) => `${id} ${a.permission} ${a.when}`).sort()).toEqual([
      "github.installation.bind github.bind bindsUnboundInstallation",
      "killswitch.release killswitch.global namesGlobalKillSwitch", "killswitch.set killswitch.global setsGlobalKillSwitch",
      "member.invite member.set_password setsInitialPassword", "policy.activation.request policy.platform namesPlatformPolicy",
      "policy.create policy.platform declaresPlatformPolicy", "policy.version.rollback policy.platform namesPlatformPolicy",
      "policy.version.save policy.platform namesPlatformPolicy", "policy.version.shadow policy.platform namesPlatformPolicy",
      "price.version.add price.platform setsPlatformPrice",
      "scheduler.pause scheduler.global globalScheduler", "scheduler.resume scheduler.global globalScheduler",
    ]);
  });

  it.each(conditional)("%s: a mutating permission of the platform admin only, beyond the route's own, with a reason", (_id, r, a) => {
    expect(a.permission).not.toBe(r.permission);
    expect(PERMISSIONS[a.permission]).toMatchObject({ roles: ["platform_admin"], mutates: true });
    expect(a.because.length).toBeGreaterThan(10);
  });

  it("every condition of the table is named by some route", () => {
    expect(new Set(conditional.map(([, , a]) => a.when))).toEqual(new Set(Object.keys(ROUTE_CONDITIONS)));
  });

  it("are in the API document", () => {
    const doc = openApiDocument();
    for (const [, r, a] of conditional) {
      const op = doc.paths[r.path]![r.method.toLowerCase()] as { "x-also-requires": unknown; responses: Record<string, { description: string }> };
      const when = ROUTE_CONDITIONS[a.when].description;
      expect(op["x-also-requires"]).toContainEqual({ permission: a.permission, when, because: a.because });
      expect(op.responses["403"]!.description).toContain(`missing permission ${a.permission} when ${when} (${a.because})`);
    }
  });
});
