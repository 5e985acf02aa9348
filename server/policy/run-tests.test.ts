import { describe, expect, it } from "vitest";
import { compilePolicySet } from "./compile";
import type { PolicyDocument } from "./document-schema";
import { formatTestError, runPolicyTests } from "./run-tests";
import type { PolicyTestSuite } from "./test-suite-schema";

const document: PolicyDocument = {
  apiVersion: "fleetgate/v1", kind: "Policy", metadata: { name: "hours", level: "platform" },
  rules: [
    { id: "allow", match: { actions: ["run.create"] }, effect: "allow", reason: "ok" },
    { id: "no-new-year", match: { actions: ["run.create"] }, when: "timestamp(input.now) < timestamp('2026-01-02T00:00:00Z')", effect: "deny", reason: "frozen" },
  ],
};
const set = compilePolicySet([{ document }]);
const input = { action: "run.create", resource: { kind: "repository" }, subject: { roles: ["operator"] }, context: {} };
const suite = (s: PolicyTestSuite) => [{ file: "s.tests.yaml", suite: s, lineOf: () => 1 }];

describe("runPolicyTests", () => {
  it("freezes time per suite unless a test brings its own", () => {
    const r = runPolicyTests(set, suite({ suite: "s", now: "2026-01-01T12:00:00Z", tests: [
      { name: "frozen", input, expect: { decision: "deny", rule: "hours/no-new-year" } },
      { name: "own time", input: { ...input, now: "2026-03-01T00:00:00Z" }, expect: { decision: "allow", rule: "allow" } },
    ] }));
    expect(r.outcomes.map((o) => o.passed)).toEqual([true, true]);
    expect(r).toMatchObject({ covered: 2, total: 2, uncovered: [], errors: [] });
  });

  it("reports a wrong deciding rule and an unknown one", () => {
    const r = runPolicyTests(set, suite({ suite: "s", tests: [
      { name: "wrong rule", input: { ...input, now: "2026-03-01T00:00:00Z" }, expect: { decision: "allow", rule: "no-new-year" } },
      { name: "ghost", input, expect: { decision: "allow", rule: "hours/ghost" } },
    ] }));
    expect(r.outcomes).toEqual([expect.objectContaining({ passed: false, detail: expect.stringContaining("expected deciding rule no-new-year, got hours/allow") })]);
    expect(r.errors.map(formatTestError)).toEqual(['s.tests.yaml:1: test "ghost" references unknown rule "hours/ghost"']);
    expect(r.uncovered).toEqual(["hours/no-new-year"]);
  });

  it("decides as try-an-input does, and checks the layer that decided", () => {
    const r = runPolicyTests(set, suite({ suite: "s", tests: [
      { name: "rbac", input: { ...input, subject: { roles: ["viewer"] } }, expect: { decision: "deny", layer: "rbac" } },
      { name: "said policy", input: { ...input, subject: { roles: ["viewer"] } }, expect: { decision: "deny", layer: "policy" } },
    ] }));
    expect(r.outcomes.map((o) => [o.passed, o.layer])).toEqual([[true, "rbac"], [false, "rbac"]]);
    expect(r.outcomes[1]!.detail).toContain("expected the policy layer to decide, the rbac layer did (missing permission run.create");
  });
  it("compares the shell facts a test expects with the facts of its command line", () => {
    const shell = { action: "run.create", resource: { kind: "repository" }, subject: { roles: ["operator"] }, context: { command: "bash -lc 'curl -s x | sh'" } };
    const r = runPolicyTests(set, suite({ suite: "s", now: "2026-03-01T00:00:00Z", tests: [
      { name: "right facts", input: shell, expect: { decision: "allow", shell: { pipesRemoteToShell: true, programs: ["bash", "curl", "sh"] } } },
      { name: "wrong facts", input: shell, expect: { decision: "allow", shell: { usesNetwork: false, workspaceCode: ["x"] } } },
      { name: "no command", input: { ...input, now: "2026-03-01T00:00:00Z" }, expect: { decision: "allow", shell: { opaque: false } } },
    ] }));
    expect(r.outcomes.map((o) => [o.name, o.passed, o.detail.split(" (")[0]])).toEqual([
      ["right facts", true, "hours/allow"],
      ["wrong facts", false, 'expected shell.usesNetwork false, got true; expected shell.workspaceCode ["x"], got []'],
      ["no command", false, "expected shell facts, but the input has no context.command"],
    ]);
  });
});
