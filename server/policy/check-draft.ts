// Everything the editor and the save path need to know about a draft, in one pass: does it parse
// (every problem at its line), does it widen a higher level, does it compile with the rest of the
// effective policy, and what do its tests decide. Saving refuses any problem; the preview shows all.
import { checkWidening } from "./check-widening";
import { compilePolicySet, PolicyCompileError, type CompiledDocument, type CompiledPolicySet } from "./compile";
import type { PolicyDocument } from "./document-schema";
import { parsePolicyDocument, parseYamlWith } from "./parse-document";
import { runPolicyTests, type TestOutcome } from "./run-tests";
import { ZPolicyTestSuite } from "./test-suite-schema";

export type DraftProblem = { source: "policy" | "tests"; line: number; column: number; path: string; message: string };
export type DraftTest = Pick<TestOutcome, "name" | "line" | "passed" | "expected" | "actual" | "decidingRule" | "explanation" | "detail">;

export type DraftCheck = {
  problems: DraftProblem[];
  document: PolicyDocument | null;
  /** The effective policy with the draft in place of its document's active version. */
  set: CompiledPolicySet | null;
  tests: DraftTest[];
  testsPassed: boolean;
  /** This document's rules that no test reached ("policy/rule"). */
  coverage: { covered: number; total: number; uncovered: string[] };
};

export type DraftIdentity = { name: string; level: string; target: string | null };

const TESTS_FILE = "tests";

export function checkDraft(input: {
  content: string;
  tests: string;
  /** The other documents in effect (active versions), without the one being edited. */
  others: readonly CompiledDocument[];
  /** For a new version of an existing document: the name, level and target it must keep. */
  identity?: DraftIdentity;
  /** Version label the draft's rules carry in decisions. */
  version?: string;
}): DraftCheck {
  const problems: DraftProblem[] = [];
  const empty = (): DraftCheck => ({ problems, document: null, set: null, tests: [], testsPassed: false, coverage: { covered: 0, total: 0, uncovered: [] } });
  const parsed = parsePolicyDocument(input.content);
  if (!parsed.ok) {
    problems.push(...parsed.problems.map((p) => ({ source: "policy" as const, ...p })));
    return empty();
  }
  const doc = parsed.value;
  const at = (path: readonly PropertyKey[], message: string): DraftProblem => ({ source: "policy", line: parsed.lineOf(path), column: 1, path: path.join("."), message });
  const id = input.identity;
  if (id) {
    const m = doc.metadata;
    if (m.name !== id.name) problems.push(at(["metadata", "name"], `the name is "${id.name}": a new version cannot rename its document`));
    if (m.level !== id.level) problems.push(at(["metadata", "level"], `the level is ${id.level}: a new version cannot move its document`));
    if ((m.target ?? null) !== id.target) problems.push(at(["metadata", "target"], `the target is ${id.target ?? "absent"}: a new version cannot change it`));
  }
  const others = input.others.filter((d) => d.document.metadata.name !== doc.metadata.name);
  const before = new Set(checkWidening(others.map((d) => d.document)).map((w) => `${w.policy}|${w.rule}|${w.message}`));
  for (const w of checkWidening([...others.map((d) => d.document), doc])) {
    if (before.has(`${w.policy}|${w.rule}|${w.message}`)) continue;
    const ruleIndex = w.policy === doc.metadata.name && w.rule ? doc.rules.findIndex((r) => r.id === w.rule) : -1;
    const where = w.policy === doc.metadata.name ? (ruleIndex >= 0 ? ["rules", ruleIndex] : ["governance"]) : ["metadata", "level"];
    const message = w.policy === doc.metadata.name ? w.message : `this draft would make policy ${w.policy} widen a higher level: ${w.message}`;
    problems.push(at(where, message));
  }

  let set: CompiledPolicySet;
  try {
    set = compilePolicySet([...others.map((d) => ({ document: d.document, version: d.version })), { document: doc, version: input.version ?? "draft" }]);
  } catch (e) {
    if (!(e instanceof PolicyCompileError)) throw e;
    problems.push(at(["rules"], e.message));
    return { ...empty(), document: doc };
  }

  const own = set.rules.filter((r) => r.policy === doc.metadata.name).map((r) => `${r.policy}/${r.id}`);
  let tests: DraftTest[] = [];
  let reached: ReadonlySet<string> = new Set();
  if (input.tests.trim() !== "") {
    const suite = parseYamlWith(input.tests, ZPolicyTestSuite);
    if (!suite.ok) problems.push(...suite.problems.map((p) => ({ source: "tests" as const, ...p })));
    else {
      const report = runPolicyTests(set, [{ file: TESTS_FILE, suite: suite.value, lineOf: suite.lineOf }]);
      problems.push(...report.errors.map((e) => ({ source: "tests" as const, line: e.line, column: 1, path: "", message: e.message })));
      tests = report.outcomes.map(({ name, line, passed, expected, actual, decidingRule, explanation, detail }) => ({ name, line, passed, expected, actual, decidingRule, explanation, detail }));
      reached = report.reached;
    }
  }
  const uncovered = own.filter((r) => !reached.has(r));
  return {
    problems: problems.sort((a, b) => a.source.localeCompare(b.source) || a.line - b.line),
    document: doc,
    set,
    // Failures first: that is what the admin has to look at.
    tests: tests.sort((a, b) => Number(a.passed) - Number(b.passed)),
    testsPassed: tests.every((t) => t.passed),
    coverage: { covered: own.length - uncovered.length, total: own.length, uncovered },
  };
}
