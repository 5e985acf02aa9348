import { describe, expect, it } from "vitest";
import { compilePolicySet } from "./compile";
import type { Level, PolicyDocument, Rule } from "./document-schema";
import { evaluate } from "./evaluate";

const doc = (name: string, level: Level, rules: Rule[]): PolicyDocument => ({ apiVersion: "fleetgate/v1", kind: "Policy", metadata: { name, level }, rules });
const rule = (id: string, effect: Rule["effect"], actions: string[], when?: string, resources?: string[]): Rule => ({
  id, effect, reason: `because ${id}`, match: { actions, ...(resources ? { resources } : {}) }, ...(when ? { when } : {}),
});

const set = compilePolicySet([
  { document: doc("team", "team", [rule("team-big-needs-approval", "require_approval", ["run.create"], "input.context.n > 10")]), version: "v3" },
  { document: doc("base", "platform", [
    rule("allow-runs", "allow", ["run.create"]),
    rule("deny-regulated", "deny", ["run.create"], "input.resource.riskTier == 'regulated'"),
    rule("allow-shell", "allow", ["tool.shell"], undefined, ["command"]),
    rule("network-approval", "require_approval", ["tool.shell"], "input.context.shell.usesNetwork"),
    rule("audit-everything", "require_approval", ["*"], "has(input.context.audit) && input.context.audit"),
    rule("only-declared", "deny", ["deploy.run"], "input.context.env == 'prod'"),
  ]), version: "v1" },
]);

const input = (over: Record<string, unknown> = {}) => ({
  action: "run.create", resource: { kind: "repository", riskTier: "standard" }, subject: { id: "u1" }, context: { n: 1 }, ...over,
});

describe("evaluate", () => {
  it("allows when an allow matches and nothing restricts", () => {
    const d = evaluate(set, input());
    expect(d.decision).toBe("allow");
    expect(d.matchedRules).toEqual([{ policy: "base", version: "v1", rule: "allow-runs", effect: "allow" }]);
    expect(d.explanation).toMatch(/^allow: platform policy base rule allow-runs/);
    expect(d.effectivePolicyHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("lets an explicit deny beat allow and approval at any level, and says it was explicit", () => {
    const d = evaluate(set, input({ resource: { kind: "repository", riskTier: "regulated" }, context: { n: 50 } }));
    expect(d.decision).toBe("deny");
    expect(d.denyKind).toBe("explicit");
    expect(d.decidingRule?.rule).toBe("deny-regulated");
    expect(d.explanation).toMatch(/^deny \(explicit\)/);
    expect(d.matchedRules.map((m) => m.rule)).toEqual(["allow-runs", "deny-regulated", "team-big-needs-approval"]);
  });

  it("lets require_approval from a lower level beat a higher allow", () => {
    const d = evaluate(set, input({ context: { n: 11 } }));
    expect(d).toMatchObject({ decision: "require_approval", decidingRule: { policy: "team", version: "v3", rule: "team-big-needs-approval" } });
  });

  it("denies implicitly when no allow matches, and says so", () => {
    const d = evaluate(set, input({ action: "deploy.run", context: { env: "staging" } }));
    expect(d).toMatchObject({ decision: "deny", denyKind: "implicit", matchedRules: [] });
    expect(d.explanation).toMatch(/^deny \(implicit\): no rule allows deploy.run/);
  });

  it("still denies implicitly when only an approval rule matches, and names it", () => {
    const only = compilePolicySet([{ document: doc("a", "tenant", [rule("ask", "require_approval", ["deploy.run"])]) }]);
    const d = evaluate(only, input({ action: "deploy.run" }));
    expect(d).toMatchObject({ decision: "deny", denyKind: "implicit" });
    expect(d.explanation).toContain("rule ask would require approval, but no rule allows it");
  });

  it("fails closed when a condition does not return a bool", () => {
    const odd = compilePolicySet([{ document: doc("a", "tenant", [rule("allow", "allow", ["run.create"], "input.context.n")]) }]);
    expect(evaluate(odd, input()).explanation).toMatch(/fail closed.*not a bool/);
  });

  it("applies wildcard rules to every action", () => {
    expect(evaluate(set, input({ context: { n: 1, audit: true } })).decision).toBe("require_approval");
  });

  it("filters by resource kind", () => {
    const d = evaluate(set, { action: "tool.shell", resource: { kind: "file" }, subject: {}, context: { command: "ls" } });
    expect(d.denyKind).toBe("implicit");
  });

  it("derives shell facts from the command line", () => {
    const shell = (command: string) => evaluate(set, { action: "tool.shell", resource: { kind: "command" }, subject: {}, context: { command } }).decision;
    expect(shell("ls -la")).toBe("allow");
    expect(shell("git clone https://x.test/r")).toBe("require_approval");
    const spoofed = { action: "tool.shell", resource: { kind: "command" }, subject: {}, context: { command: "ssh host", shell: { usesNetwork: false } } };
    expect(evaluate(set, spoofed).decision).toBe("require_approval");
  });

  it("fails closed on a CEL runtime error, naming the rule", () => {
    const d = evaluate(set, input({ resource: { kind: "repository" } }));
    expect(d).toMatchObject({ decision: "deny", denyKind: "error" });
    expect(d.explanation).toMatch(/fail closed.*rule base\/deny-regulated: condition failed/);
  });

  it("fails closed on an unknown action", () => {
    const d = evaluate(set, input({ action: "run.teleport" }));
    expect(d).toMatchObject({ decision: "deny", denyKind: "error" });
    expect(d.explanation).toContain('unknown action "run.teleport"');
  });

  it("knows actions from the permission registry even when no rule names them", () => {
    expect(evaluate(set, input({ action: "audit.read" })).denyKind).toBe("implicit");
  });

  it.each([
    ["not an object", "nope"],
    ["a missing resource kind", { action: "run.create", resource: {}, subject: {}, context: {} }],
    ["an unknown top-level key", { ...input(), extra: 1 }],
    ["a bad time", { ...input(), now: "yesterday" }],
  ])("fails closed on malformed input: %s", (_, raw) => {
    const d = evaluate(set, raw);
    expect(d).toMatchObject({ decision: "deny", denyKind: "error" });
    expect(d.explanation).toContain("malformed input");
  });

  it("hashes the documents that applied, so unrelated documents do not change it", () => {
    const runs = evaluate(set, input()).effectivePolicyHash;
    const other = compilePolicySet([
      { document: set.documents[0]!.document },
      { document: set.documents[1]!.document },
      { document: doc("unrelated", "task", [rule("x", "deny", ["tool.file_write"])]) },
    ]);
    expect(evaluate(other, input()).effectivePolicyHash).toBe(runs);
    expect(evaluate(other, { ...input(), action: "tool.file_write" }).effectivePolicyHash).not.toBe(runs);
  });
});
