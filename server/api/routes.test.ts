// Every contract has a handler built with its wrapper (withAuthz for a tenant's routes, withPerson
// for /api/v1/me) from exactly that contract, and every route module under app/api answers only
// through those wrappers or withPublic (next-auth's own route aside).
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROUTE_CONTRACT } from "../http/with-authz";
import { PUBLIC_ROUTE } from "../http/with-public";
import { PERSONAL_ROUTES, ROUTES } from "./routes";

const root = path.resolve(import.meta.dirname, "../..");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return routeFiles(full);
    return name === "route.ts" ? [full] : [];
  });
}

const fileFor = (p: string) => path.join(root, "app", p.replace(/^\//, "").replace(/\{(\w+)\}/g, "[$1]"), "route.ts");

const ALL = [...ROUTES, ...PERSONAL_ROUTES];

describe("route table", () => {
  it("has unique ids and unique method+path pairs", () => {
    expect(new Set(ALL.map((r) => r.id)).size).toBe(ALL.length);
    expect(new Set(ALL.map((r) => `${r.method} ${r.path}`)).size).toBe(ALL.length);
  });

  it("keeps tenants' routes under /tenants/{tenant} and the person's own under /me", () => {
    for (const r of ROUTES) expect(r.path.startsWith("/api/v1/tenants/{tenant}"), r.path).toBe(true);
    for (const r of PERSONAL_ROUTES) expect(r.path.startsWith("/api/v1/me/"), r.path).toBe(true);
  });

  it.each(ALL.map((r) => [`${r.method} ${r.path}`, r] as const))("%s is served by its wrapper with its contract", async (_name, contract) => {
    const mod = (await import(fileFor(contract.path))) as Record<string, Record<symbol, unknown>>;
    const handler = mod[contract.method];
    expect(handler, `no ${contract.method} export in ${fileFor(contract.path)}`).toBeTypeOf("function");
    expect(handler![ROUTE_CONTRACT]).toBe(contract);
  });

  it("serves nothing under app/api outside the wrappers", async () => {
    const files = routeFiles(path.join(root, "app/api")).filter((f) => !f.includes(`${path.sep}auth${path.sep}`));
    expect(files.length).toBeGreaterThan(ALL.length / 4);
    const contracts = new Set<unknown>(ALL);
    for (const file of files) {
      const mod = (await import(file)) as Record<string, Record<symbol, unknown>>;
      for (const method of METHODS.filter((m) => m in mod)) {
        const wrapped = contracts.has(mod[method]![ROUTE_CONTRACT] as never) || mod[method]![PUBLIC_ROUTE] === true;
        expect(wrapped, `${method} in ${path.relative(root, file)} is not wrapped`).toBe(true);
      }
    }
  });
});
