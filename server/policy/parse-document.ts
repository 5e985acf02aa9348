// YAML text -> a validated policy document, or every problem found with its line and column:
// YAML syntax, schema (strict keys, types, enums) and CEL conditions that do not compile.
import { LineCounter, parseDocument, type Document } from "yaml";
import type { z } from "zod";
import { compileCondition } from "./compile";
import { ZPolicyDocument, type PolicyDocument } from "./document-schema";
import { positionOf, type Position } from "./yaml-positions";

export type ParseProblem = Position & { path: string; message: string };
export type ParseResult<T> = { ok: true; value: T; lineOf: (path: readonly PropertyKey[]) => number } | { ok: false; problems: ParseProblem[] };

export const formatProblem = (file: string, p: ParseProblem) => `${file}:${p.line}:${p.column}: ${p.path ? `${p.path}: ` : ""}${p.message}`;

/** Parses YAML and validates it with a schema, mapping issues to positions; shared with test suites. */
export function parseYamlWith<S extends z.ZodType>(text: string, schema: S): ParseResult<z.infer<S>> & { doc?: Document; lines?: LineCounter } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => {
        const p = lines.linePos(e.pos[0]);
        return { line: p.line, column: p.col, path: "", message: `YAML: ${e.message.split("\n")[0]}` };
      }),
    };
  }
  // A missing key is reported as missing, not as a wrong value of the expected type.
  const result = schema.safeParse(doc.toJS({ maxAliasCount: 100 }), {
    error: (iss) => (iss.input === undefined && iss.code !== "custom" ? "required key is missing" : undefined),
  });
  if (!result.success) {
    const problems = result.error.issues.flatMap((issue): ParseProblem[] => {
      if (issue.code === "unrecognized_keys") {
        return issue.keys.map((k) => ({
          ...positionOf(doc, lines, [...issue.path, k], true),
          path: [...issue.path, k].join("."),
          message: `unknown key "${k}"`,
        }));
      }
      return [{ ...positionOf(doc, lines, issue.path), path: issue.path.join("."), message: issue.message }];
    });
    return { ok: false, problems: problems.sort((a, b) => a.line - b.line || a.column - b.column) };
  }
  return { ok: true, value: result.data, lineOf: (path) => positionOf(doc, lines, path).line, doc, lines };
}

export function parsePolicyDocument(text: string): ParseResult<PolicyDocument> {
  const parsed = parseYamlWith(text, ZPolicyDocument);
  if (!parsed.ok) return parsed;
  const problems: ParseProblem[] = [];
  parsed.value.rules.forEach((rule, i) => {
    if (rule.when === undefined) return;
    try {
      compileCondition(rule.when);
    } catch (e) {
      const pos = positionOf(parsed.doc!, parsed.lines!, ["rules", i, "when"]);
      problems.push({ ...pos, path: `rules.${i}.when`, message: `rule ${rule.id}: CEL does not compile: ${(e as Error).message.split("\n")[0]}` });
    }
  });
  return problems.length ? { ok: false, problems } : { ok: true, value: parsed.value, lineOf: parsed.lineOf };
}
