import { describe, expect, it } from "vitest";
import { z } from "zod";
import { permissionsOfRoles, PERMISSIONS } from "../authz/permissions";
import type { Scope } from "../authz/scope";
import { ROUTES } from "../contracts/routes";
import { AppError } from "../core/app-error";
import { checkAlsoRequires } from "./also-requires";
import { defineRoute, ZTenantParam } from "./define-route";
import { openApiDocument } from "./openapi";

const route = defineRoute({
  id: "test.thing", method: "POST", path: "/api/v1/tenants/{tenant}/things", tag: "test", summary: "test only",
  permission: "killswitch.set", params: z.object({ tenant: ZTenantParam }), body: z.object({ everywhere: z.boolean() }), response: z.unknown(),
  alsoRequires: [{ permission: "killswitch.global", when: ({ body }) => body.everywhere, because: "it stops every tenant" }],
});

const scopeOf = (roles: Parameters<typeof permissionsOfRoles>[0]) => ({ permissions: permissionsOfRoles(roles) }) as unknown as Scope;
const input = (everywhere: boolean) => ({ params: { tenant: "acme" }, query: undefined, body: { everywhere } });

describe("checkAlsoRequires", () => {
  it("refuses a request that needs the further permission, naming it and why", async () => {
    const err = await checkAlsoRequires(route, scopeOf(["tenant_admin"]), input(true)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: "forbidden", message: "missing permission killswitch.global: it stops every tenant", details: { permission: "killswitch.global" } });
  });

  it("lets through a request that does not need it, and one whose caller holds it", async () => {
    await expect(checkAlsoRequires(route, scopeOf(["tenant_admin"]), input(false))).resolves.toBeUndefined();
    await expect(checkAlsoRequires(route, scopeOf(["platform_admin"]), input(true))).resolves.toBeUndefined();
  });

  it("asks the condition only of a caller who lacks the permission", async () => {
    let asked = 0;
    const counting = { ...route, alsoRequires: [{ ...route.alsoRequires![0]!, when: () => (asked++, true) }] };
    await checkAlsoRequires(counting, scopeOf(["platform_admin"]), input(true));
    expect(asked).toBe(0);
  });
});

describe("the routes' further permissions", () => {
  const conditional = ROUTES.flatMap((r) => (r.alsoRequires ?? []).map((a) => [r.id, r, a] as const));

  it("cover the platform-wide requests", () => {
    expect(conditional.map(([id, , a]) => `${id} ${a.permission}`).sort()).toEqual([
      "killswitch.release killswitch.global", "killswitch.set killswitch.global", "member.invite member.set_password",
      "policy.activation.request policy.platform", "policy.create policy.platform", "policy.version.rollback policy.platform",
      "policy.version.save policy.platform", "policy.version.shadow policy.platform", "scheduler.pause scheduler.global", "scheduler.resume scheduler.global",
    ]);
  });

  it.each(conditional)("%s: a mutating permission of the platform admin only, beyond the route's own, with a reason", (_id, r, a) => {
    expect(a.permission).not.toBe(r.permission);
    expect(PERMISSIONS[a.permission]).toMatchObject({ roles: ["platform_admin"], mutates: true });
    expect(a.because.length).toBeGreaterThan(10);
  });

  it("are in the API document", () => {
    const doc = openApiDocument();
    for (const [, r, a] of conditional) {
      const op = doc.paths[r.path]![r.method.toLowerCase()] as { "x-also-requires": unknown; responses: Record<string, { description: string }> };
      expect(op["x-also-requires"]).toContainEqual({ permission: a.permission, because: a.because });
      expect(op.responses["403"]!.description).toContain(`missing permission ${a.permission} (${a.because})`);
    }
  });
});
