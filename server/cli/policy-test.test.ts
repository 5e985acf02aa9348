import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

import { runCli } from "./run-cli";

// In-process through the CLI's own entry (the process boundary itself is fleetgate-cli.int.test.ts's).
async function run(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const status = await runCli(["policy", "test", ...args], { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { status, stdout: out.join("\n"), stderr: err.join("\n") };
}

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

describe("fleetgate policy test", () => {
  it("passes a complete suite with full coverage", async () => {
    const r = await run(dir({ "p.yaml": POLICY, "p.tests.yaml": `suite: s\ntests:\n${test("small", 1, "allow")}${test("big", 9, "deny", "deny-big")}` }), "--coverage-min", "100");
    expect(r.stdout).toContain("rule coverage: 100.0% (2/2 rules)");
    expect(r.stdout.trim().split("\n").at(-1)).toBe("policy tests: 2 passed, 0 failed");
    expect(r.status).toBe(0);
  });

  it("exits 1 on a failing test and names the deciding rule", async () => {
    const r = await run(dir({ "p.yaml": POLICY, "p.tests.yaml": `suite: s\ntests:\n${test("wrong", 9, "allow")}` }));
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/FAIL  s > wrong \(.*p\.tests\.yaml:3\): expected allow, got deny \(platform policy small rule deny-big: /);
    expect(r.stdout).toContain("policy tests: 0 passed, 1 failed");
  });

  it("exits 1 when coverage is below the minimum and lists the rules no test reached", async () => {
    const r = await run(dir({ "p.yaml": POLICY, "p.tests.yaml": `suite: s\ntests:\n${test("small", 1, "allow")}` }), "--coverage-min", "100");
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("not reached by any test: small/deny-big");
  });

  it("names an unknown rule a suite references", async () => {
    const r = await run(dir({ "p.yaml": POLICY, "p.tests.yaml": `suite: s\ntests:\n${test("ghost", 1, "allow", "no-such-rule")}` }));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('references unknown rule "no-such-rule"');
  });

  it("reports a broken document with its line", async () => {
    const r = await run(dir({ "p.yaml": POLICY.replace("effect: deny", "effect: deny\n    colour: red") }));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/p\.yaml:10:5: rules\.1\.colour: unknown key "colour"/);
  });

  it("rejects a lower-level document that widens a higher one, naming the rule", async () => {
    const task = `apiVersion: fleetgate/v1
kind: Policy
metadata: { name: loose, level: task, target: task-1 }
rules:
  - { id: let-big-runs, match: { actions: [run.create] }, effect: allow, reason: widen }
`;
    const r = await run(dir({ "p.yaml": POLICY, "task.yaml": task }));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("policy loose: task allow rule let-big-runs conflicts with platform policy small deny rule deny-big: ");
  });

  it("exits 2 with usage on bad arguments", async () => {
    const r = await run("--coverage-min", "lots");
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("usage: fleetgate policy test");
    expect((await run("a", "b")).status).toBe(2);
    expect((await run("--bogus")).status).toBe(2);
  });
});
