import { describe, expect, it } from "vitest";
import { matchesGlob } from "./glob";

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
