// Verifier profiles run in the sandbox against a tiny node project: the built-in profiles every
// tenant starts with pass and fail on the project's own tests, a step is stopped at its own time
// limit, and what they print is redacted and bounded before it is kept.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { createTestTenant } from "../test/create-tenant";
import { snapshotVerifierProfile } from "../verifier-profiles/snapshot-verifier-profile";
import { runVerifiers } from "./run-verifiers";
import { makeTempWorkspace, type TempWorkspace } from "./temp-workspace";
import type { VerifierSnapshot } from "./types";
import { giveToSandbox } from "./workspace-owner";

let ws: TempWorkspace;
let tenantId: string;

/** One of the tenant's built-in profiles, as a run admitted now would carry it. */
const builtIn = (name: string): Promise<VerifierSnapshot> =>
  snapshotVerifierProfile(db, tenantId, { owner: "acme", name: "tiny", verifierProfile: name }, "repositoryId");

const TOKEN = `ghp_${"A1b2C3d4E5".repeat(4)}`;

function project(testBody: string): void {
  rmSync(ws.dir, { recursive: true, force: true });
  mkdirSync(path.join(ws.dir, "test"), { recursive: true });
  writeFileSync(path.join(ws.dir, "package.json"), JSON.stringify({ name: "tiny", version: "1.0.0", type: "commonjs" }));
  writeFileSync(path.join(ws.dir, "sum.js"), "exports.sum = (a, b) => a + b;\n");
  writeFileSync(path.join(ws.dir, "test", "sum.test.js"), `const test = require("node:test");\nconst assert = require("node:assert");\nconst { sum } = require("../sum");\n${testBody}\n`);
}

beforeAll(async () => {
  ws = await makeTempWorkspace("fleetgate-verify-");
  tenantId = (await createTestTenant("verify")).id;
});
afterAll(async () => {
  await ws.remove();
});

describe("runVerifiers", () => {
  it("passes when the project's tests pass", async () => {
    project(`test("adds", () => assert.strictEqual(sum(2, 3), 5));`);
    await giveToSandbox(ws.dir, true);
    const run = await runVerifiers(ws.dir, await builtIn("node-test"));
    expect(run).toMatchObject({ profile: "node-test", passed: true });
    expect(run.results).toHaveLength(2);
    expect(run.results[0]).toMatchObject({ name: "build", exitCode: 0, passed: true, limit: null });
    expect(run.results[1]).toMatchObject({ name: "unit-tests", argv: ["node", "--test"], exitCode: 0, passed: true, limit: null });
    expect(run.results[1]!.output).toMatch(/# pass 1/);
  });

  it("fails when a test fails, with the failure in the redacted output", async () => {
    project(`test("adds", () => { console.log("token ${TOKEN}"); assert.strictEqual(sum(2, 2), 5); });`);
    await giveToSandbox(ws.dir, true);
    const run = await runVerifiers(ws.dir, await builtIn("node-test"));
    expect(run.passed).toBe(false);
    const r = run.results.find((x) => x.name === "unit-tests");
    expect(r).toMatchObject({ passed: false, exitCode: 1, limit: null });
    expect(r!.output).toMatch(/# fail 1/);
    expect(r!.output).toMatch(/Expected values to be strictly equal/);
    expect(r!.output).not.toContain(TOKEN);
    expect(r!.output).toContain("[REDACTED:github_token]");
    expect(r!.redactions.github_token).toBeGreaterThanOrEqual(1);
  });

  it("stops a step at its own time limit and fails it, keeping only the tail of long output; the next step still runs", async () => {
    project(`test("slow", async () => { for (let i = 0; i < 4000; i++) console.log("line " + i + " " + "x".repeat(20)); await new Promise((r) => setTimeout(r, 60000)); });`);
    await giveToSandbox(ws.dir, true);
    const run = await runVerifiers(ws.dir, {
      profile: "slow-tests",
      steps: [{ name: "unit-tests", argv: ["node", "--test"], timeoutSeconds: 3 }, { name: "after", argv: ["node", "-e", "console.log('ran')"], timeoutSeconds: 30 }],
    });
    expect(run.passed).toBe(false);
    const r = run.results.find((x) => x.name === "unit-tests");
    expect(r).toMatchObject({ passed: false, limit: "wall", exitCode: null, timeoutSeconds: 3 });
    expect(r!.output.length).toBeLessThan(17 * 1024);
    expect(r!.output).toMatch(/^\[… \d+ earlier characters left out …\]/);
    expect(run.results[1]).toMatchObject({ name: "after", passed: true, limit: null, timeoutSeconds: 30 });
  });

  it("runs argv as it is, with no shell: a shell's operators are plain arguments", async () => {
    project(`test("adds", () => assert.strictEqual(sum(1, 1), 2));`);
    await giveToSandbox(ws.dir, true);
    const run = await runVerifiers(ws.dir, { profile: "echo", steps: [{ name: "echo", argv: ["echo", "a", "&&", "touch", "pwned", ";", "$HOME"], timeoutSeconds: 10 }] });
    expect(run.results[0]).toMatchObject({ passed: true, output: "a && touch pwned ; $HOME\n" });
  });

  it("json-valid finds an invalid JSON file", async () => {
    project(`test("adds", () => assert.strictEqual(sum(1, 1), 2));`);
    writeFileSync(path.join(ws.dir, "config.json"), '{"ok": true}');
    writeFileSync(path.join(ws.dir, "tsconfig.json"), '{ /* comments are allowed here */ }');
    await giveToSandbox(ws.dir, true);
    const jsonValid = await builtIn("json-valid");
    expect(await runVerifiers(ws.dir, jsonValid)).toMatchObject({ passed: true, results: [{ name: "json valid", passed: true, timeoutSeconds: 60 }] });
    writeFileSync(path.join(ws.dir, "broken.json"), '{"ok": tru');
    const run = await runVerifiers(ws.dir, jsonValid);
    expect(run.passed).toBe(false);
    expect(run.results[0]!.output).toMatch(/broken\.json: .*JSON/);
  });

  it("none runs nothing and passes; a profile the tenant does not have is refused, naming it", async () => {
    expect(await runVerifiers(ws.dir, await builtIn("none"))).toEqual({ profile: "none", passed: true, results: [] });
    await expect(builtIn("make-check")).rejects.toMatchObject({
      code: "validation_failed",
      message: expect.stringContaining(`repositoryId: acme/tiny names verifier profile "make-check", which this tenant does not have`),
    });
    await expect(builtIn("toString")).rejects.toMatchObject({ code: "validation_failed" });
  });
});
