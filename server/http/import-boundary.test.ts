// Client components run in the browser: they may import server/ types, never server/ code.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return /\.(ts|tsx)$/.test(name) ? [full] : [];
  });
}

// server/ modules written for the browser too: no imports of their own (checked below), so nothing
// of the server comes with them. money.ts: the browser parses and formats amounts exactly as the
// server does.
const BROWSER_SAFE = ["server/cost/money"];

describe("client/server import boundary", () => {
  const files = ["app", "components"].flatMap((d) => sources(path.join(root, d)));
  const clientFiles = files.filter((f) => /^\s*["']use client["']/.test(readFileSync(f, "utf8")));

  it("finds the client components", () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(clientFiles.map((f) => [path.relative(root, f), f]))("%s imports no server code", (_rel, file) => {
    const text = readFileSync(file, "utf8");
    const runtimeImports = [...text.matchAll(/^import\s+(?!type\b)[^;]*?from\s+["']([^"']+)["']/gm)].map((m) => m[1]!);
    const offending = runtimeImports.filter((spec) => /(^@\/server\/|(\.\.\/)+server\/)/.test(spec))
      .filter((spec) => !BROWSER_SAFE.some((m) => spec === `@/${m}` || path.resolve(path.dirname(file), spec) === path.join(root, m)));
    expect(offending).toEqual([]);
  });

  it.each(BROWSER_SAFE)("%s, which the browser may import, imports nothing", (m) => {
    expect(readFileSync(path.join(root, `${m}.ts`), "utf8")).not.toMatch(/^\s*import\s|\brequire\(|\bimport\(/m);
  });
});
