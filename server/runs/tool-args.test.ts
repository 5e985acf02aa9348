import { describe, expect, it } from "vitest";
import { parseToolArgs, workspacePathProblem } from "./tool-args";
import { FUNCTION_TOOLS } from "../agent/tool-definitions";
import { TOOL_NAMES } from "../agent/types";

describe("tool arguments", () => {
  it("accepts the fixed shapes and fills list_files' default directory", () => {
    expect(parseToolArgs("list_files", {})).toEqual({ ok: true, args: { path: "." } });
    expect(parseToolArgs("list_files", { path: "src", recursive: true })).toEqual({ ok: true, args: { path: "src", recursive: true } });
    expect(parseToolArgs("read_file", { path: "src/a.ts" }).ok).toBe(true);
    expect(parseToolArgs("search", { pattern: "TODO\\(\\w+\\)", regex: true, path: "src" }).ok).toBe(true);
    expect(parseToolArgs("write_file", { path: "a", content: "" }).ok).toBe(true);
    expect(parseToolArgs("run_shell", { command: "npm test -- --run" }).ok).toBe(true);
    expect(parseToolArgs("finish", { summary: "done" }).ok).toBe(true);
  });

  it.each([
    ["read_file", {}, "invalid arguments for read_file: path: is required"],
    ["read_file", { path: "a", mode: "r" }, 'invalid arguments for read_file: unknown argument "mode"'],
    ["read_file", { path: "../secrets" }, "invalid arguments for read_file: path: must not contain '..' segments"],
    ["write_file", { path: "C:\\x", content: "" }, "invalid arguments for write_file: path: must be relative to the repository root, not absolute"],
    ["write_file", { path: "a" }, "invalid arguments for write_file: content: is required"],
    ["search", { pattern: "[", regex: true }, /^invalid arguments for search: pattern: is not a valid regular expression/],
    ["run_shell", { command: "  " }, "invalid arguments for run_shell: command: must not be empty"],
    ["run_shell", { command: 42 }, /^invalid arguments for run_shell: command: Invalid input: expected string/],
    ["finish", { summary: "" }, "invalid arguments for finish: summary: must not be empty"],
  ] as const)("refuses %s %j", (tool, args, message) => {
    const r = parseToolArgs(tool, args);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });

  it("knows a workspace path when it sees one", () => {
    expect(["a", "src/x.ts", ".", "a..b/c", ".github/workflows/ci.yml"].map(workspacePathProblem)).toEqual([null, null, null, null, null]);
    expect(["/etc", "~/.ssh", "a/../../b", "a\0b"].map((p) => workspacePathProblem(p) !== null)).toEqual([true, true, true, true]);
  });

  it("describes every tool to the model as a strict JSON schema with a description", () => {
    expect(FUNCTION_TOOLS.map((t) => t.function.name)).toEqual([...TOOL_NAMES]);
    for (const t of FUNCTION_TOOLS) {
      expect(t.type).toBe("function");
      expect(t.function.description.length).toBeGreaterThan(20);
      expect(t.function.parameters).toMatchObject({ type: "object", additionalProperties: false });
      expect(t.function.parameters).not.toHaveProperty("$schema");
    }
    expect(FUNCTION_TOOLS.find((t) => t.function.name === "list_files")!.function.parameters).not.toHaveProperty("required");
    expect(FUNCTION_TOOLS.find((t) => t.function.name === "write_file")!.function.parameters.required).toEqual(["path", "content"]);
  });
});
