import { describe, expect, it } from "vitest";
import { compilePolicySet } from "./compile";
import type { Level, PolicyDocument, Rule } from "./document-schema";
import { evaluate } from "./evaluate";
import { replayDecisions, type ReplayRecord } from "./replay-decisions";

const doc = (name: string, level: Level, rules: Rule[], target?: string): PolicyDocument => ({
  apiVersion: "fleetgate/v1", kind: "Policy", metadata: { name, level, ...(target ? { target } : {}) }, rules,
});
const rule = (id: string, effect: Rule["effect"], actions: string[], when?: string): Rule => ({
  id, effect, reason: `because ${id}`, match: { actions }, ...(when ? { when } : {}),
});

const allowRuns = rule("allow-runs", "allow", ["run.create"]);
const allowShell = rule("allow-shell", "allow", ["tool.shell"]);

/** What decided the recorded traffic. */
const live = compilePolicySet([{ document: doc("base", "platform", [
  allowRuns,
  rule("deny-regulated", "deny", ["run.create"], "input.resource.riskTier == 'regulated'"),
  allowShell,
  rule("network-approval", "require_approval", ["tool.shell"], "input.context.shell.usesNetwork"),
]) }]);

/**
 * The draft: drops the network approval, widens the regulated deny to critical under a new rule id,
 * adds a team-a approval for big runs, and a deploy rule no recorded traffic reaches.
 */
const draft = compilePolicySet([
  { document: doc("base", "platform", [
    allowRuns,
    rule("deny-restricted", "deny", ["run.create"], "input.resource.riskTier in ['regulated', 'critical']"),
    allowShell,
    rule("deny-prod-deploy", "deny", ["deploy.run"], "input.context.env == 'prod'"),
  ]) },
  { document: doc("team-a-limits", "team", [rule("big-needs-approval", "require_approval", ["run.create"], "input.context.n > 10")], "team-a") },
]);

const run = (riskTier: string, context: Record<string, unknown> = { n: 1 }) =>
  ({ action: "run.create", resource: { kind: "repository", riskTier }, subject: { id: "u1" }, context });
const shell = (command: string) => ({ action: "tool.shell", resource: { kind: "command" }, subject: { id: "agent" }, context: { command } });

let seq = 0;
/** A record as the runtime would have stored it: decided by the live set. */
function recorded(input: unknown): ReplayRecord {
  const d = evaluate(live, input);
  seq++;
  return {
    id: String(seq), createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(), action: (input as { action?: string }).action ?? "?",
    input, decision: d.decision, decidingRule: d.decidingRule ? `${d.decidingRule.policy}/${d.decidingRule.rule}` : null,
  };
}

const malformed: ReplayRecord = {
  id: "m1", createdAt: "2026-01-02T00:00:00.000Z", action: "run.create",
  input: { action: "run.create", subject: { id: "u1" }, context: {} }, // resource lost in storage
  decision: "allow", decidingRule: "base/allow-runs",
};

const records: ReplayRecord[] = [
  malformed,
  ...["curl -o a.json https://x.test/a", "wget https://x.test/b", "git clone https://x.test/c.git"].map((c) => recorded(shell(c))),
  recorded(shell("npm test")),
  recorded(run("regulated")), recorded(run("regulated")),
  ...Array.from({ length: 7 }, () => recorded(run("critical"))),
  recorded(run("standard", { n: 20, team: "team-a" })), recorded(run("low", { n: 30, team: "team-a" })),
  recorded(run("standard", { n: 20, team: "team-b" })),
];

describe("replayDecisions", () => {
  it("recorded the traffic the way the tests below assume", () => {
    expect(records.map((r) => r.decision)).toEqual([
      "allow", "require_approval", "require_approval", "require_approval", "allow", "deny", "deny",
      ...Array<string>(7).fill("allow"), "allow", "allow", "allow",
    ]);
  });

  it("counts changed decisions by kind, most frequent first", () => {
    const b = replayDecisions(draft, records);
    expect(b.replayed).toBe(records.length);
    expect(b.changed).toBe(8 + 3 + 2);
    expect(b.byKind.map((k) => [k.kind, k.from, k.to, k.count])).toEqual([
      ["allow->deny", "allow", "deny", 8],
      ["require_approval->allow", "require_approval", "allow", 3],
      ["allow->require_approval", "allow", "require_approval", 2],
    ]);
  });

  it("does not count the same decision reached through another rule as a change", () => {
    const regulated = records.filter((r) => (r.input as { resource?: { riskTier?: string } }).resource?.riskTier === "regulated");
    const b = replayDecisions(draft, regulated);
    expect(b).toMatchObject({ replayed: 2, changed: 0, byKind: [] });
    expect(b.reachedRules).toContain("base/deny-restricted");
  });

  it("replays a stored input the engine cannot read as a deny (fail closed), and counts it", () => {
    const b = replayDecisions(draft, [malformed]);
    expect(b.changed).toBe(1);
    const [sample] = b.byKind[0]!.samples;
    expect(sample).toMatchObject({
      recordId: "m1", createdAt: "2026-01-02T00:00:00.000Z", action: "run.create", input: malformed.input,
      old: { decision: "allow", rule: "base/allow-runs" }, new: { decision: "deny", rule: null },
    });
    expect(sample!.new.explanation).toMatch(/^deny \(fail closed\): malformed input: resource/);
  });

  it("keeps samples in record order with the old and new rule, capped per kind", () => {
    const b = replayDecisions(draft, records);
    const kind = (k: string) => b.byKind.find((x) => x.kind === k)!;
    expect(kind("allow->deny").samples.map((s) => s.recordId)).toEqual(["m1", "7", "8", "9", "10"]);
    expect(kind("allow->deny").samples[1]).toMatchObject({
      action: "run.create", input: run("critical"),
      old: { decision: "allow", rule: "base/allow-runs" }, new: { decision: "deny", rule: "base/deny-restricted" },
    });
    expect(kind("require_approval->allow").samples[0]).toMatchObject({
      old: { decision: "require_approval", rule: "base/network-approval" }, new: { decision: "allow", rule: "base/allow-shell" },
    });
    expect(kind("allow->require_approval").samples.map((s) => s.new.rule)).toEqual(["team-a-limits/big-needs-approval", "team-a-limits/big-needs-approval"]);

    const two = replayDecisions(draft, records, { samplesPerKind: 2 });
    expect(two.byKind.map((k) => [k.count, k.samples.length])).toEqual([[8, 2], [3, 2], [2, 2]]);
    expect(replayDecisions(draft, records, { samplesPerKind: 0 }).byKind.every((k) => k.samples.length === 0)).toBe(true);
  });

  it("lists every rule the replayed traffic reached, sorted, and none it did not", () => {
    expect(replayDecisions(draft, records).reachedRules).toEqual([
      "base/allow-runs", "base/allow-shell", "base/deny-restricted", "team-a-limits/big-needs-approval",
    ]);
  });

  it("reports nothing for no records", () => {
    expect(replayDecisions(draft, [])).toEqual({ replayed: 0, changed: 0, byKind: [], reachedRules: [] });
  });
});
