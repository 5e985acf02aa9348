import { describe, expect, it } from "vitest";
import { shownEvent } from "./list-run-events";
import type { RunEventView } from "./run-view";

const write: RunEventView = { seq: 4, at: "2026-11-21T00:00:00.000Z", kind: "tool_call", fromState: null, toState: null, message: "write_file ok", data: { tool: "write_file", args: { path: "a.txt", content: "secret plan" } } };

describe("a restricted run's written content", () => {
  it("is replaced by its size for those who may not read the evidence, and kept otherwise", () => {
    expect(shownEvent(write, true).data).toEqual({ tool: "write_file", args: { path: "a.txt", content: "[restricted evidence: 11 characters, readable with audit.read]" } });
    expect(shownEvent(write, false)).toBe(write);
    const shell = { ...write, data: { tool: "run_shell", args: { command: "cat a.txt" } } };
    expect(shownEvent(shell, true)).toBe(shell);
  });
});
