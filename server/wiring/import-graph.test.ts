// What each process loads, read from the import lines: the web process (everything under app/) never
// reaches the worker's pipeline (server/sandbox, server/agent), and only entry points and tests
// import the wiring layer, which ties domains together. The route contracts load schemas only, never an
// operation, so a route that needs one contract does not load every operation through them.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT, reach, runtimeImports } from "./import-graph";

const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sources(full) : /\.(ts|tsx)$/.test(name) ? [full] : [];
  });
const rel = (f: string) => path.relative(PROJECT_ROOT, f);
const WORKER_ONLY = /^server\/(sandbox|agent)\//;

// The packages a file loads at runtime (not `import type`), by specifier.
const PACKAGE_IMPORT = /^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?["']([^"'./@][^"']*|@(?!\/)[^"']+)["']/gm;
const packagesOf = (file: string) => [...readFileSync(file, "utf8").matchAll(PACKAGE_IMPORT)].map((m) => m[1]);

// What the route contracts may load besides contracts and schema-only files: the few helpers the
// schemas themselves validate with. Each is loaded by every process anyway; none reads the database.
const CONTRACT_ALLOWED = new Set([
  "server/webhooks/url-policy.ts", // webhook and model endpoint URLs are checked in their schemas' refinements
  "server/env.ts", // url-policy asks it whether loopback URLs are allowed (it reads the process's configuration)
  "server/core/app-error.ts", // the 422 that webhook-input and model-endpoint-input throw for a refused URL
  "server/policy/egress-rules.ts", // a policy document's host rules are parsed in its schema (node:net only for isIP)
]);

/**
 * Schema-only: it loads no package but zod, no project file but other schema-only files (or the
 * allowed helpers above), and does no I/O (no async function, no await). It holds zod schemas, the
 * types inferred from them, constants they enumerate and pure mappers to the shapes they describe.
 */
function schemaOnly(file: string, memo = new Map<string, boolean>()): boolean {
  const r = rel(file);
  if (CONTRACT_ALLOWED.has(r)) return true;
  if (memo.has(r)) return memo.get(r)!;
  memo.set(r, true); // a cycle among schema files does not make a file impure
  const ok = packagesOf(file).every((p) => p === "zod") && !/\basync\b|\bawait\b/.test(readFileSync(file, "utf8")) && runtimeImports(file).every((f) => schemaOnly(f, memo));
  memo.set(r, ok);
  return ok;
}

describe("the runtime import graph", () => {
  const app = sources(path.join(PROJECT_ROOT, "app"));

  it("no web route or page reaches the sandbox or the agent", () => {
    const reached = [...reach(app)].filter(([f]) => WORKER_ONLY.test(rel(f))).map(([, chain]) => chain.map(rel).join(" -> "));
    expect(reached).toEqual([]);
  });

  it("pages and routes query through server/ functions, never the database client themselves", () => {
    const direct = app.filter((f) => runtimeImports(f).some((t) => rel(t) === "server/db/client.ts")).map(rel);
    expect(direct).toEqual([]);
    // "@/" imports are resolved: the overview page's counts come from server/.
    expect(runtimeImports(path.join(PROJECT_ROOT, "app/(console)/[tenant]/page.tsx")).map(rel)).toContain("server/tenants/tenant-overview.ts");
  });

  it("the worker does reach them (the graph follows real imports)", () => {
    const reached = [...reach([path.join(PROJECT_ROOT, "workers/main.ts")]).keys()].map(rel);
    expect(reached).toContain("server/sandbox/run-in-sandbox.ts");
    expect(reached).toContain("server/agent/model-adapter.ts");
  });

  it("the route contracts load schemas only, never an operation", () => {
    const reached = [...reach([path.join(PROJECT_ROOT, "server/contracts/routes.ts")])];
    const impure = reached.filter(([f]) => !rel(f).startsWith("server/contracts/") && !schemaOnly(f)).map(([, chain]) => chain.map(rel).join(" -> "));
    expect(impure).toEqual([]);
    expect(reached.length).toBeGreaterThan(20); // the graph is followed (every contract file and its schemas)
  });

  it("a file that queries the database is not schema-only", () => {
    expect(schemaOnly(path.join(PROJECT_ROOT, "server/runs/retry-run.ts"))).toBe(false);
    expect(schemaOnly(path.join(PROJECT_ROOT, "server/runs/task-input.ts"))).toBe(true);
  });

  it("only entry points and tests import the wiring layer", () => {
    const importers = sources(path.join(PROJECT_ROOT, "server"))
      .filter((f) => !rel(f).startsWith("server/wiring/") && !/\.test\.ts$/.test(f) && !rel(f).startsWith("server/test/"))
      .filter((f) => runtimeImports(f).some((t) => rel(t).startsWith("server/wiring/")) || /from ["'][^"']*wiring\//.test(readFileSync(f, "utf8")));
    expect(importers.map(rel)).toEqual([]);
  });
});
