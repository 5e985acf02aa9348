// Runs policy test suites against the documents they sit beside and measures rule coverage: a rule
// no test reaches is a rule nobody has seen decide. Inputs are decided as try-an-input decides them
// (RBAC from the subject's roles, the rules, the boundary: decide-input.ts).
import type { CompiledPolicySet } from "./compile";
import type { Effect } from "./document-schema";
import { decideInput, type Layer } from "./decide-input";
import { derivedShellFacts, explanationCause } from "./evaluate";
import type { LoadedSuite } from "./load-policy-files";
import type { PolicyTestSuite } from "./test-suite-schema";

export type TestOutcome = {
  suite: string; name: string; file: string; line: number; passed: boolean; detail: string;
  expected: Effect; actual: Effect; decidingRule: string | null; layer: Layer; explanation: string;
};
export type TestError = { file: string; line: number; message: string };
export type TestReport = { outcomes: TestOutcome[]; errors: TestError[]; covered: number; total: number; uncovered: string[]; reached: ReadonlySet<string> };

export const formatTestError = (e: TestError) => `${e.file}:${e.line}: ${e.message}`;

const key = (policy: string, rule: string) => `${policy}/${rule}`;

export function runPolicyTests(set: CompiledPolicySet, suites: readonly LoadedSuite[]): TestReport {
  const allRules = new Set(set.rules.map((r) => key(r.policy, r.id)));
  const ids = new Set(set.rules.map((r) => r.id));
  const reached = new Set<string>();
  const outcomes: TestOutcome[] = [];
  const errors: TestError[] = [];
  for (const { file, suite, lineOf } of suites) {
    suite.tests.forEach((t, i) => {
      const line = lineOf(["tests", i]);
      const expected = t.expect.rule;
      if (expected !== undefined && !(expected.includes("/") ? allRules.has(expected) : ids.has(expected))) {
        errors.push({ file, line: lineOf(["tests", i, "expect", "rule"]), message: `test "${t.name}" references unknown rule "${expected}"` });
        return;
      }
      const input = suite.now && t.input.now === undefined ? { ...t.input, now: suite.now } : t.input;
      const d = decideInput(set, input);
      for (const m of d.matchedRules) reached.add(key(m.policy, m.rule));
      const decider = d.decidingRule ? key(d.decidingRule.policy, d.decidingRule.rule) : d.layer === "policy" ? `none (${d.denyKind} deny)` : `none (${d.layer})`;
      const problems: string[] = [];
      if (d.decision !== t.expect.decision) problems.push(`expected ${t.expect.decision}, got ${d.decision}`);
      if (expected !== undefined) {
        const actual = d.decidingRule ? (expected.includes("/") ? decider : d.decidingRule.rule) : undefined;
        if (actual !== expected) problems.push(`expected deciding rule ${expected}, got ${decider}`);
      }
      if (t.expect.layer !== undefined && d.layer !== t.expect.layer) problems.push(`expected the ${t.expect.layer} layer to decide, the ${d.layer} layer did`);
      if (t.expect.reason_contains !== undefined && !d.explanation.includes(t.expect.reason_contains)) {
        problems.push(`explanation lacks "${t.expect.reason_contains}"`);
      }
      if (t.expect.shell) problems.push(...shellFactProblems(t.expect.shell, t.input.context));
      outcomes.push({
        suite: suite.suite, name: t.name, file, line, passed: problems.length === 0,
        expected: t.expect.decision, actual: d.decision, decidingRule: d.decidingRule ? decider : null, layer: d.layer, explanation: d.explanation,
        // The explanation names the deciding rule (or says none decided) and its reason: said once.
        detail: problems.length ? `${problems.join("; ")} (${explanationCause(d)})` : decider,
      });
    });
  }
  const uncovered = [...allRules].filter((r) => !reached.has(r));
  return { outcomes, errors, covered: allRules.size - uncovered.length, total: allRules.size, uncovered, reached };
}

type ExpectedShell = NonNullable<PolicyTestSuite["tests"][number]["expect"]["shell"]>;

function shellFactProblems(expected: ExpectedShell, context: unknown): string[] {
  const facts = context && typeof context === "object" ? derivedShellFacts(context as Record<string, unknown>) : undefined;
  if (!facts) return ["expected shell facts, but the input has no context.command"];
  const actual: Record<string, unknown> = { ...facts, workspaceCode: facts.workspaceCode.map((w) => w.name) };
  return Object.entries(expected)
    .filter(([k, v]) => JSON.stringify(actual[k]) !== JSON.stringify(v))
    .map(([k, v]) => `expected shell.${k} ${JSON.stringify(v)}, got ${JSON.stringify(actual[k])}`);
}
