import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const BIN = path.resolve(import.meta.dirname, "../../bin/fleetgate.mjs");
const run = (...args: string[]) => spawnSync(process.execPath, [BIN, "policy", "test", ...args], { encoding: "utf8", timeout: 30_000 });

const POLICY = `apiVersion: fleetgate/v1
kind: Policy
metadata: { name: small, level: platform }
rules:
  - { id: allow-runs, match: { actions: [run.create] }, effect: allow, reason: ok }
  - id: deny-big
    match: { actions: [run.create] }
    when: input.context.n > 5
    effect: deny
    reason: too big
`;
const test = (name: string, n: number, decision: string, rule?: string) =>
  `  - name: ${name}\n    input: { action: run.create, resource: { kind: repository }, subject: { roles: [operator] }, context: { n: ${n} } }\n    expect: { decision: ${decision}${rule ? `, rule: ${rule}` : ""} }\n`;

function dir(files: Record<string, string>): string {
  const d = mkdtempSync(path.join(tmpdir(), "fleetgate-policy-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(d, name), text);
  return d;
}

// Each test starts the CLI (tsx compiling the policy code and loading the shell grammar) up to three
// times: seconds each on a busy machine, so the time limit is the spawns' own, not vitest's 5 s.
describe("fleetgate policy test", { timeout: 100_000 }, () => {
  it("passes a complete suite with full coverage", () => {
    const r = run(dir({ "p.yaml": POLICY, "p.tests.yaml": `suite: s\ntests:\n${test("small", 1, "allow")}${test("big", 9, "deny", "deny-big")}` }), "--coverage-min", "100");
    expect(r.stdout).toContain("rule coverage: 100.0% (2/2 rules)");
    expect(r.stdout.trim().split("\n").at(-1)).toBe("policy tests: 2 passed, 0 failed");
    expect(r.status).toBe(0);
  });

  it("exits 1 on a failing test and names the deciding rule", () => {
    const r = run(dir({ "p.yaml": POLICY, "p.tests.yaml": `suite: s\ntests:\n${test("wrong", 9, "allow")}` }));
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/FAIL  s > wrong \(.*p\.tests\.yaml:3\): expected allow, got deny \(platform policy small rule deny-big: /);
    expect(r.stdout).toContain("policy tests: 0 passed, 1 failed");
  });

  it("exits 1 when coverage is below the minimum and lists the rules no test reached", () => {
    const r = run(dir({ "p.yaml": POLICY, "p.tests.yaml": `suite: s\ntests:\n${test("small", 1, "allow")}` }), "--coverage-min", "100");
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("not reached by any test: small/deny-big");
  });

  it("names an unknown rule a suite references", () => {
    const r = run(dir({ "p.yaml": POLICY, "p.tests.yaml": `suite: s\ntests:\n${test("ghost", 1, "allow", "no-such-rule")}` }));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('references unknown rule "no-such-rule"');
  });

  it("reports a broken document with its line", () => {
    const r = run(dir({ "p.yaml": POLICY.replace("effect: deny", "effect: deny\n    colour: red") }));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/p\.yaml:10:5: rules\.1\.colour: unknown key "colour"/);
  });

  it("rejects a lower-level document that widens a higher one, naming the rule", () => {
    const task = `apiVersion: fleetgate/v1
kind: Policy
metadata: { name: loose, level: task, target: task-1 }
rules:
  - { id: let-big-runs, match: { actions: [run.create] }, effect: allow, reason: widen }
`;
    const r = run(dir({ "p.yaml": POLICY, "task.yaml": task }));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("policy loose: task allow rule let-big-runs conflicts with platform policy small deny rule deny-big: ");
  });

  it("exits 2 with usage on bad arguments", () => {
    const r = run("--coverage-min", "lots");
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("usage: fleetgate policy test");
    expect(run("a", "b").status).toBe(2);
    expect(run("--bogus").status).toBe(2);
  });
});
