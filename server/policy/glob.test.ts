import { describe, expect, it } from "vitest";
import { globLiteralEnds, matchesGlob } from "./glob";

describe("matchesGlob", () => {
  it.each([
    [".github/workflows/ci.yml", ".github/workflows/**", true],
    [".github/workflows", ".github/workflows/**", true],
    [".github/dependabot.yml", ".github/workflows/**", false],
    ["./.github/workflows/a/b.yml", ".github/workflows/**", true],
    [".env", "**/.env", true],
    ["svc/api/.env", "**/.env", true],
    ["svc/api/.envrc", "**/.env", false],
    ["svc/api/.env.production", "**/.env.*", true],
    ["certs/server.pem", "**/*.pem", true],
    ["src/a.ts", "src/*.ts", true],
    ["src/deep/a.ts", "src/*.ts", false],
    ["src/a+b.ts", "src/a+b.ts", true],
    ["src/aXb.ts", "src/a?b.ts", true],
  ])("%s against %s is %s", (path, pattern, expected) => {
    expect(matchesGlob(path, pattern)).toBe(expected);
  });
});

describe("globLiteralEnds", () => {
  it.each([
    [".github/workflows/**", ".github/workflows", ""],
    ["**/.env", "", ".env"],
    ["src/*.ts", "src/", ".ts"],
    ["a/**/b.md", "a/", "b.md"],
    ["db/schema.sql", "db/schema.sql", "db/schema.sql"],
  ])("%s starts with %j (or ./ and it) and ends with %j", (pattern, prefix, suffix) => {
    expect(globLiteralEnds(pattern)).toEqual({ prefixes: [prefix, `./${prefix}`], suffix });
  });
});
