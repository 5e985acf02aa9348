// What each process loads, read from the import lines: the web process (everything under app/) never
// reaches the worker's pipeline (server/sandbox, server/agent), and only entry points and tests
// import the wiring layer, which ties domains together.
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

describe("the runtime import graph", () => {
  const app = sources(path.join(PROJECT_ROOT, "app"));

  it("no web route or page reaches the sandbox or the agent", () => {
    const reached = [...reach(app)].filter(([f]) => WORKER_ONLY.test(rel(f))).map(([, chain]) => chain.map(rel).join(" -> "));
    expect(reached).toEqual([]);
  });

  it("the worker does reach them (the graph follows real imports)", () => {
    const reached = [...reach([path.join(PROJECT_ROOT, "workers/main.ts")]).keys()].map(rel);
    expect(reached).toContain("server/sandbox/run-in-sandbox.ts");
    expect(reached).toContain("server/agent/model-adapter.ts");
  });

  it("only entry points and tests import the wiring layer", () => {
    const importers = sources(path.join(PROJECT_ROOT, "server"))
      .filter((f) => !rel(f).startsWith("server/wiring/") && !/\.test\.ts$/.test(f) && !rel(f).startsWith("server/test/"))
      .filter((f) => runtimeImports(f).some((t) => rel(t).startsWith("server/wiring/")) || /from ["'][^"']*wiring\//.test(readFileSync(f, "utf8")));
    expect(importers.map(rel)).toEqual([]);
  });
});
