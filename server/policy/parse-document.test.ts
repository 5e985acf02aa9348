import { describe, expect, it } from "vitest";
import { parsePolicyDocument } from "./parse-document";

const HEAD = `apiVersion: fleetgate/v1
kind: Policy
metadata:
  name: p
  level: tenant
`;

function problems(text: string) {
  const r = parsePolicyDocument(text);
  if (r.ok) throw new Error("expected problems");
  return r.problems;
}

describe("parsePolicyDocument", () => {
  it("accepts a valid document", () => {
    const r = parsePolicyDocument(`${HEAD}rules:
  - id: a
    match: { actions: [run.create] }
    when: input.context.n > 1
    effect: allow
    reason: ok
`);
    expect(r.ok).toBe(true);
  });

  it("lets a forbidden-path exemption lift only its own document's prohibition, for a class that needs approval", () => {
    const gov = (exemptions: string, approval = "[ci_workflow_change]") => `${HEAD}rules: []
governance:
  forbidden_paths: [".github/workflows/**"]
  forbidden_path_exemptions: ${exemptions}
  approval: { required_for: ${approval} }
`;
    expect(parsePolicyDocument(gov(`{ ci_workflow_change: [".github/workflows/**"] }`)).ok).toBe(true);
    expect(problems(gov(`{ ci_workflow_change: [".github/**"] }`))).toContainEqual(expect.objectContaining({
      path: "governance.forbidden_path_exemptions.ci_workflow_change.0", message: ".github/** is not in this document's forbidden_paths; an exemption lifts only its own document's prohibition",
    }));
    expect(problems(gov(`{ ci_workflow_change: [".github/workflows/**"] }`, "[]"))).toContainEqual(expect.objectContaining({
      path: "governance.forbidden_path_exemptions.ci_workflow_change", message: "ci_workflow_change must be in approval.required_for: exempted paths are changed only after an approval",
    }));
  });

  it("refuses auto_merge: true, since Fleetgate does not turn auto-merge on; false is accepted", () => {
    const gov = (v: string) => `${HEAD}rules: []\ngovernance:\n  publishing: { auto_merge: ${v} }\n`;
    expect(parsePolicyDocument(gov("false")).ok).toBe(true);
    expect(problems(gov("true"))).toContainEqual(expect.objectContaining({
      path: "governance.publishing.auto_merge", message: expect.stringMatching(/^Fleetgate does not turn on auto-merge yet/),
    }));
  });

  it("refuses PR-storm caps of zero or less, and an hourly budget below the tenant level, naming the field", () => {
    const caps = (v: string, level = "tenant", target = "") => `${HEAD.replace("level: tenant", `level: ${level}${target}`)}rules: []\ngovernance:\n  publishing: { caps: ${v} }\n`;
    expect(parsePolicyDocument(caps("{ prs_per_hour: { rate: 60, burst: 20 }, open_per_team: 20, awaiting_review_per_team: 10, per_repository: 3 }")).ok).toBe(true);
    expect(problems(caps("{ open_per_team: 0, per_repository: -2, prs_per_hour: { rate: 1.5, burst: 1 } }")).map((p) => [p.path, p.message])).toEqual([
      ["governance.publishing.caps.open_per_team", "open_per_team must be at least 1 (leave it out for no cap at this level)"],
      ["governance.publishing.caps.per_repository", "per_repository must be at least 1 (leave it out for no cap at this level)"],
      ["governance.publishing.caps.prs_per_hour.rate", "prs_per_hour.rate must be a whole number"],
    ]);
    expect(problems(caps("{ rate_per_day: 5 }"))).toContainEqual(expect.objectContaining({ path: "governance.publishing.caps.rate_per_day", message: "unknown key \"rate_per_day\"" }));
    expect(parsePolicyDocument(caps("{ open_per_team: 5 }", "team", "\n  target: payments")).ok).toBe(true);
    expect(problems(caps("{ prs_per_hour: { rate: 5, burst: 1 } }", "team", "\n  target: payments"))).toContainEqual(expect.objectContaining({
      path: "governance.publishing.caps.prs_per_hour", message: expect.stringMatching(/^the hourly PR budget is the tenant's/),
    }));
  });

  it("reports YAML syntax errors at their line", () => {
    const [p] = problems(`${HEAD}rules:\n  - id: a\n    match: { actions: [run.create\n`);
    expect(p!.message).toMatch(/^YAML:/);
    expect(p!.line).toBeGreaterThanOrEqual(7);
  });

  it("reports an unknown key at the key's line and column", () => {
    const ps = problems(`${HEAD}rules:
  - id: a
    match: { actions: [run.create] }
    effect: allow
    reasn: typo
`);
    expect(ps).toContainEqual(expect.objectContaining({ line: 10, column: 5, message: 'unknown key "reasn"', path: "rules.0.reasn" }));
    // The missing reason is reported too, at the rule.
    expect(ps.some((p) => p.path === "rules.0.reason" && p.line === 7)).toBe(true);
  });

  it("reports a wrong enum value at its line", () => {
    const ps = problems(`${HEAD}rules:
  - id: a
    match: { actions: [run.create] }
    effect: permit
    reason: r
`);
    expect(ps).toEqual([expect.objectContaining({ line: 9, column: 13, path: "rules.0.effect" })]);
  });

  it("reports a bad level and a duplicate rule id", () => {
    const ps = problems(`apiVersion: fleetgate/v1
kind: Policy
metadata: { name: p, level: galaxy }
rules: []
`);
    expect(ps.map((p) => [p.path, p.line, p.column])).toEqual([["metadata.level", 3, 29]]);
    const dup = problems(`${HEAD}rules:
  - { id: a, match: { actions: [x] }, effect: deny, reason: r }
  - { id: a, match: { actions: [x] }, effect: deny, reason: r }
`);
    expect(dup).toEqual([expect.objectContaining({ path: "rules.1.id", line: 8, message: 'duplicate rule id "a"' })]);
  });

  it.each([
    ["input.context.path.startWith('x')", "unknown function startWith()"],
    ["inptu.context.n > 1", "unknown variable inptu"],
  ])("reports a misspelt reference in %s before it can fail at runtime", (when, message) => {
    const ps = problems(`${HEAD}rules:\n  - { id: a, match: { actions: [x] }, when: "${when}", effect: deny, reason: r }\n`);
    expect(ps[0]!.message).toContain(message);
  });

  it("accepts macros, comprehension variables and type names", () => {
    const r = parsePolicyDocument(`${HEAD}rules:
  - id: a
    match: { actions: [x] }
    when: has(input.c) && input.l.exists(r, r == 'x') && input.l.all(x, type(x) == string) && size(input.l) > 0 && input.m.map(k, k + 'a').size() > 0 && input.s.matchesAnyGlob(['a/**'])
    effect: deny
    reason: r
`);
    expect(r.ok).toBe(true);
  });

  it("reports CEL that does not compile with the rule id and line", () => {
    const ps = problems(`${HEAD}rules:
  - id: broken
    match: { actions: [run.create] }
    when: input.context.n >> 1
    effect: deny
    reason: r
`);
    expect(ps).toEqual([expect.objectContaining({ line: 9, path: "rules.0.when" })]);
    expect(ps[0]!.message).toMatch(/^rule broken: CEL does not compile/);
  });
});
