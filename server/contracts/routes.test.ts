// Every contract has a handler built with its wrapper (withAuthz for a tenant's routes, withPerson
// for /api/v1/me) from exactly that contract, every route module under app/api answers only through
// those wrappers or withPublic (next-auth's own route aside), withPublic only where a stated reason
// says why no session is needed, and the web server's table of methods per path is exactly what the
// route files export.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROUTE_CONTRACT } from "../http/with-authz";
import { PUBLIC_ROUTE } from "../http/with-public";
import { allowHeader, methodsAt, ROUTE_METHODS } from "./route-methods";
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

const apiFiles = () => routeFiles(path.join(root, "app/api")).filter((f) => !f.includes(`${path.sep}auth${path.sep}`));
// app/api/v1/tenants/[tenant]/route.ts -> /api/v1/tenants/{tenant}; the catch-all ([...x]) has no path of its own.
const pathOfFile = (f: string) => {
  const p = "/" + path.relative(path.join(root, "app"), path.dirname(f)).split(path.sep).join("/");
  return p.includes("[...") || p.includes("[[...") ? null : p.replace(/\[(\w+)\]/g, "{$1}");
};

const fileFor = (p: string) => path.join(root, "app", p.replace(/^\//, "").replace(/\{(\w+)\}/g, "[$1]"), "route.ts");

const ALL = [...ROUTES, ...PERSONAL_ROUTES];

// The paths served without a session (withPublic), each with the reason it needs none.
const PUBLIC_PATHS: Record<string, string> = {
  "/api/health": "a probe for load balancers and supervisors; answers nothing tenant-owned",
  "/api/v1/openapi.json": "the API's published description",
  "/api/github/webhooks": "GitHub's deliveries, authenticated by the signature over the body (X-Hub-Signature-256), not a session",
  "/api/github/setup": "GitHub's setup URL: a browser sent back after installing the App; it checks the signed state and the person's own session itself",
};

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
    const files = apiFiles();
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

  it("serves without a session only the paths that say why", async () => {
    const open = new Set<string>();
    for (const file of apiFiles()) {
      const p = pathOfFile(file);
      if (!p) continue; // the catch-all only answers "no such operation"
      const mod = (await import(file)) as Record<string, Record<symbol, unknown>>;
      if (METHODS.some((m) => mod[m]?.[PUBLIC_ROUTE] === true)) open.add(p);
    }
    expect([...open].sort()).toEqual(Object.keys(PUBLIC_PATHS).sort());
  });
});

describe("the web server's table of methods per path", () => {
  it("is exactly what the route files under app/api export", async () => {
    const served: Record<string, string[]> = {};
    for (const file of apiFiles()) {
      const p = pathOfFile(file);
      if (!p) continue;
      const mod = (await import(file)) as Record<string, unknown>;
      served[p] = METHODS.filter((m) => m in mod).sort();
    }
    const table = Object.fromEntries(Object.entries(ROUTE_METHODS).map(([p, ms]) => [p, [...ms].sort()]));
    expect(table, "server/contracts/route-methods.ts must list every route file's path and methods").toEqual(served);
  });

  it("finds a path's methods as Next routes it: a literal segment before a parameter", () => {
    expect(methodsAt("/api/v1/tenants/acme/approvals/counts")).toEqual(["GET"]);
    expect(methodsAt("/api/v1/tenants/acme/approvals/apr_1")).toEqual(["GET"]);
    expect(methodsAt("/api/v1/tenants/acme/members/m1")).toEqual(["DELETE", "PATCH"]);
    expect(methodsAt("/api/v1/tenants/acme/teams/")).toEqual(["GET", "POST"]);
    expect(methodsAt("/api/health")).toEqual(["GET"]);
  });

  it("knows no method at a path no route file serves", () => {
    for (const p of ["/api/v1", "/api/v1/nope", "/api/v1/tenants/acme/nope", "/api/v1/tenants//members", "/api/v1/tenants/acme/members/m1/extra"]) {
      expect(methodsAt(p), p).toBeNull();
    }
  });

  it("answers Allow with HEAD beside GET and OPTIONS everywhere, as Next serves them", () => {
    expect(allowHeader(["GET", "POST"])).toBe("GET, HEAD, OPTIONS, POST");
    expect(allowHeader(["DELETE", "PATCH"])).toBe("DELETE, OPTIONS, PATCH");
  });
});
