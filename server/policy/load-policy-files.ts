// Reads policy documents and their test suites from a file or directory tree. Every problem is
// collected (with file:line:column) rather than stopping at the first, so one run shows them all.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { compilePolicySet, PolicyCompileError, type CompiledPolicySet } from "./compile";
import { checkWidening } from "./check-widening";
import type { PolicyDocument } from "./document-schema";
import { formatProblem, parsePolicyDocument, parseYamlWith } from "./parse-document";
import { ZPolicyTestSuite, type PolicyTestSuite } from "./test-suite-schema";

export type LoadedSuite = { file: string; suite: PolicyTestSuite; lineOf: (p: readonly PropertyKey[]) => number };
export type LoadedPolicies = { documents: { file: string; document: PolicyDocument }[]; suites: LoadedSuite[]; set: CompiledPolicySet | null; errors: string[] };

const isSuite = (f: string) => /\.tests\.ya?ml$/.test(f);
const isYaml = (f: string) => /\.ya?ml$/.test(f);

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : isYaml(e.name) ? [path.join(dir, e.name)] : []));
}

/** A directory loads everything under it; a single suite file runs against the documents beside it. */
export function loadPolicyFiles(target: string): LoadedPolicies {
  const stat = statSync(target);
  const root = stat.isDirectory() ? target : path.dirname(target);
  const files = walk(root);
  const docFiles = files.filter((f) => !isSuite(f));
  const suiteFiles = stat.isDirectory() ? files.filter(isSuite) : isSuite(target) ? [target] : [];
  const errors: string[] = [];
  const documents: LoadedPolicies["documents"] = [];
  const names = new Map<string, string>();
  for (const file of docFiles) {
    const parsed = parsePolicyDocument(readFileSync(file, "utf8"));
    if (!parsed.ok) errors.push(...parsed.problems.map((p) => formatProblem(file, p)));
    else if (names.has(parsed.value.metadata.name)) errors.push(`${file}: policy name "${parsed.value.metadata.name}" is also used by ${names.get(parsed.value.metadata.name)}`);
    else {
      names.set(parsed.value.metadata.name, file);
      documents.push({ file, document: parsed.value });
    }
  }
  for (const w of checkWidening(documents.map((d) => d.document))) {
    errors.push(`${names.get(w.policy)}: policy ${w.policy}: ${w.message}`);
  }
  const suites: LoadedSuite[] = [];
  for (const file of suiteFiles) {
    const parsed = parseYamlWith(readFileSync(file, "utf8"), ZPolicyTestSuite);
    if (!parsed.ok) errors.push(...parsed.problems.map((p) => formatProblem(file, p)));
    else suites.push({ file, suite: parsed.value, lineOf: parsed.lineOf });
  }
  let set: CompiledPolicySet | null = null;
  try {
    set = compilePolicySet(documents.map((d) => ({ document: d.document })));
  } catch (e) {
    if (!(e instanceof PolicyCompileError)) throw e;
    errors.push(e.message);
  }
  return { documents, suites, set, errors };
}
