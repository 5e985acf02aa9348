import { describe, expect, it } from "vitest";
import { applyReplace, globBase, recipeAdapter } from "./recipe-adapter";
import { parseRecipe, type Recipe } from "../runs/recipe-schema";
import { FakeGateway } from "./testing/fake-gateway";
import { runInput } from "./testing/run-input";
import { RunInterrupted, type ToolCall } from "./types";

function recipe(steps: string): Recipe {
  const r = parseRecipe(`apiVersion: fleetgate/v1\nkind: Recipe\nmetadata: { name: modernise, description: let over var }\nsteps:\n${steps}`);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.recipe;
}

const STEPS = `  - run: npm pkg set dependencies.left-pad=^1.4.0
  - replace: { files: "src/**/*.js", pattern: "var ", with: "let " }
  - write: { path: CHANGELOG.md, content: "let over var\\n" }
`;
const FILES = { "src/a.js": "var a = 1;\nvar b = 2;\n", "src/lib/b.js": "const c = 3;\n", "src/c.ts": "var d;\n", "test/d.js": "var e;\n" };

describe("recipeAdapter", () => {
  it("issues every step through the gateway in order, checkpoints before each, and finishes", async () => {
    const gateway = new FakeGateway({ files: FILES });
    const run = runInput(gateway);
    const result = await recipeAdapter(recipe(STEPS)).run(run.input);
    const summary = [
      "Recipe modernise: let over var",
      "- ran `npm pkg set dependencies.left-pad=^1.4.0`",
      '- replaced "var " with "let " in 1 of 2 files matching src/**/*.js (2 occurrences)',
      "- wrote CHANGELOG.md",
    ].join("\n");
    expect(result).toEqual({ outcome: "finished", summary });
    expect(gateway.trace).toEqual([
      "run_shell npm pkg set dependencies.left-pad=^1.4.0",
      "list_files src", "read_file src/a.js", "write_file src/a.js", "read_file src/lib/b.js",
      "write_file CHANGELOG.md",
      `finish ${summary}`,
    ]);
    expect(gateway.calls[1]!.args).toEqual({ path: "src", recursive: true });
    expect(gateway.files.get("src/a.js")).toBe("let a = 1;\nlet b = 2;\n");
    expect(gateway.files.get("src/c.ts")).toBe("var d;\n");
    expect(gateway.files.get("test/d.js")).toBe("var e;\n");
    expect(run.checkpoints.map((c) => (c as { step: number }).step)).toEqual([0, 1, 2, 3]);
    expect(run.usage).toEqual([]);
  });

  it("fails a denied step with the policy's reason and issues nothing after it", async () => {
    const gateway = new FakeGateway({
      files: FILES,
      respond: (c) => (c.tool === "write_file" && c.args.path === "CHANGELOG.md" ? { status: "denied", output: "deny (explicit): tenant policy release rule changelog: CHANGELOG.md is owned by release tooling" } : undefined),
    });
    const result = await recipeAdapter(recipe(STEPS)).run(runInput(gateway).input);
    expect(result).toEqual({
      outcome: "failed", failureClass: "policy_denied",
      message: "step 3 (write CHANGELOG.md): deny (explicit): tenant policy release rule changelog: CHANGELOG.md is owned by release tooling",
    });
    expect(gateway.trace.at(-1)).toBe("write_file CHANGELOG.md");
  });

  it.each([
    [{ status: "error" as const, output: "npm ERR! missing script: lint\n", exitCode: 1 }, "step 1 (lint): exit 1: npm ERR! missing script: lint"],
    [{ status: "ok" as const, output: "", exitCode: 2 }, "step 1 (lint): exit 2"],
    [{ status: "error" as const, output: "wall time limit (60 s) reached" }, "step 1 (lint): error: wall time limit (60 s) reached"],
  ])("fails a command that does not succeed (%o)", async (outcome, message) => {
    const gateway = new FakeGateway({ respond: (c) => (c.tool === "run_shell" ? outcome : undefined) });
    const result = await recipeAdapter(recipe("  - name: lint\n    run: npm run lint\n  - run: npm test\n")).run(runInput(gateway).input);
    expect(result).toEqual({ outcome: "failed", failureClass: "agent_error", message });
    expect(gateway.trace).toEqual(["run_shell npm run lint"]);
  });

  it("never writes back a file whose content came back redacted or truncated", async () => {
    for (const read of [{ output: "var token = '[REDACTED:github_token]';\n" }, { output: "var a", truncated: true }]) {
      const gateway = new FakeGateway({ files: FILES, respond: (c) => (c.tool === "read_file" ? { status: "ok", ...read } : undefined) });
      const result = await recipeAdapter(recipe(STEPS)).run(runInput(gateway).input);
      expect(result).toMatchObject({ outcome: "failed", message: expect.stringContaining("step 2 (replace in src/**/*.js): src/a.js came back truncated or redacted") });
      expect(gateway.calls.filter((c) => c.tool === "write_file")).toEqual([]);
    }
  });

  it("resumes at the interrupted step: that step's call again, nothing before it", async () => {
    const interruptedOnce = (c: ToolCall) => c.tool === "write_file" && c.args.path === "CHANGELOG.md";
    let thrown = false;
    const first = new FakeGateway({
      files: FILES,
      interrupt: (c) => (interruptedOnce(c) && !thrown ? ((thrown = true), new RunInterrupted("awaiting_approval", "approval a1 pending")) : undefined),
    });
    const run1 = runInput(first);
    await expect(recipeAdapter(recipe(STEPS)).run(run1.input)).rejects.toMatchObject({ name: "RunInterrupted", why: "awaiting_approval" });
    const saved = run1.checkpoints.at(-1);
    expect(saved).toMatchObject({ step: 2 });

    // The run continues later, from the checkpoint, with the files as the first run left them.
    const second = new FakeGateway({ files: Object.fromEntries(first.files) });
    const result = await recipeAdapter(recipe(STEPS)).run(runInput(second, { state: saved }).input);
    expect(result).toMatchObject({ outcome: "finished", summary: expect.stringContaining("- replaced \"var \" with \"let \" in 1 of 2 files") });
    expect(second.trace).toEqual(["write_file CHANGELOG.md", expect.stringMatching(/^finish Recipe modernise/)]);
  });

  it("re-reads files when a replace step is resumed, so nothing is replaced twice", async () => {
    const r = recipe(`  - replace: { files: "src/*.js", pattern: "a", with: "aa" }\n`);
    const gateway = new FakeGateway({ files: { "src/a.js": "a" }, interrupt: (c, i) => (i === 2 ? new RunInterrupted("awaiting_approval", "write needs approval") : undefined) });
    const run1 = runInput(gateway);
    await expect(recipeAdapter(r).run(run1.input)).rejects.toBeInstanceOf(RunInterrupted);
    const again = new FakeGateway({ files: { "src/a.js": "a" } });
    await recipeAdapter(r).run(runInput(again, { state: run1.checkpoints.at(-1) }).input);
    expect(again.trace.slice(0, 3)).toEqual(["list_files src", "read_file src/a.js", "write_file src/a.js"]);
    expect(again.files.get("src/a.js")).toBe("aa");
  });

  it("stops before its next call once the run's signal aborts", async () => {
    const gateway = new FakeGateway();
    const run = runInput(gateway);
    const stop = new RunInterrupted("stopped", "kill switch repo:acme/ledger");
    run.controller.abort(stop);
    await expect(recipeAdapter(recipe(STEPS)).run(run.input)).rejects.toBe(stop);
    expect(gateway.calls).toEqual([]);
  });

  it("refuses a saved state that does not fit the recipe", async () => {
    for (const state of [{ step: 9, done: [] }, { step: "1" }, "garbage"]) {
      const result = await recipeAdapter(recipe(STEPS)).run(runInput(new FakeGateway(), { state }).input);
      expect(result).toEqual({ outcome: "failed", failureClass: "agent_error", message: "cannot resume: the saved state does not fit this recipe" });
    }
  });

  it("replaces literally or by regex, and finds the directory under a glob", () => {
    expect(applyReplace("a $1 b", { pattern: "$1", with: "$&", regex: false })).toEqual({ text: "a $& b", count: 1 });
    expect(applyReplace("v1.2 v3.4", { pattern: "v(\\d+)\\.(\\d+)", with: "v$1.$2.0", regex: true })).toEqual({ text: "v1.2.0 v3.4.0", count: 2 });
    expect([globBase("src/**/*.js"), globBase("*.md"), globBase("docs/api/index.md"), globBase("packages/*/src/x.ts")]).toEqual(["src", ".", "docs/api", "packages"]);
  });
});
