// Compiles a set of policy documents once: every CEL condition is parsed and planned a single time
// (cached by its text, so 500 rules sharing a condition plan it once) and rules are indexed by
// action, so a decision only touches rules that can match it.
import { createHash } from "node:crypto";
import { CelScalar, celEnv, celList, celMap, celMethod, isCelError, listType, parse, plan, type CelValue } from "@bufbuild/cel";
import canonicalize from "canonicalize";
import { PERMISSION_NAMES } from "../authz/permissions";
import { isTargeted, LEVELS, type Effect, type Level, type PolicyDocument, type Rule } from "./document-schema";
import { isAgentInstructionFile } from "./agent-instruction-files";
import { matchesGlob } from "./glob";

/** true / false, or the runtime error that makes the decision fail closed. Takes toCelInput()'s result. */
export type Condition = (input: CelValue) => boolean | Error;

/**
 * Converts a decision input to CEL maps and lists once, so the ten-odd conditions a decision runs do
 * not each convert the same plain objects again on every attribute access (halves their cost).
 * Values CEL cannot hold (undefined, functions) are left out: reading them is a "no such field" error.
 */
export function toCelInput(v: unknown): CelValue {
  if (v === null || typeof v === "string" || typeof v === "boolean" || typeof v === "number" || typeof v === "bigint") return v;
  if (Array.isArray(v)) return celList(v.filter(representable).map(toCelInput));
  if (v instanceof Date) return v.toISOString();
  if (typeof v === "object") {
    const m = new Map<string, CelValue>();
    for (const [k, x] of Object.entries(v)) if (representable(x)) m.set(k, toCelInput(x));
    return celMap(m);
  }
  return null;
}
const representable = (x: unknown) => x !== undefined && typeof x !== "function" && typeof x !== "symbol";

export type CompiledRule = {
  policy: string;
  version: string;
  level: Level;
  /** 0 for platform; lower levels have higher numbers. */
  levelRank: number;
  id: string;
  effect: Effect;
  reason: string;
  resources: ReadonlySet<string> | null;
  when: string | undefined;
  condition: Condition | null;
  /** For team, repository, campaign and task documents: the input's context.<level> must equal value. */
  target: { attr: string; value: string } | null;
  /** Position in the set's evaluation order: level first, then document, then rule order. */
  order: number;
};

export type PolicySource = { document: PolicyDocument; version?: string };

export type CompiledDocument = { document: PolicyDocument; version: string; hash: string; levelRank: number };

export type CompiledPolicySet = {
  documents: readonly CompiledDocument[];
  rules: readonly CompiledRule[];
  byAction: ReadonlyMap<string, readonly CompiledRule[]>;
  /** Actions the set knows: every action named by a rule plus the permission registry. */
  knownActions: ReadonlySet<string>;
};

export class PolicyCompileError extends Error {
  constructor(readonly policy: string, readonly rule: string, readonly cause: string) {
    super(`policy ${policy}, rule ${rule}: condition does not compile: ${cause}`);
  }
}

const env = celEnv({
  funcs: [
    celMethod("matchesAnyGlob", CelScalar.STRING, [listType(CelScalar.STRING)], CelScalar.BOOL, function (patterns) {
      for (const p of patterns) if (typeof p === "string" && matchesGlob(this, p)) return true;
      return false;
    }),
    // The one list of agent-instruction files (AGENTS.md, CLAUDE.md, .cursor/...), shared with the run's boundary check.
    celMethod("isAgentInstructionFile", CelScalar.STRING, [], CelScalar.BOOL, function () {
      return isAgentInstructionFile(this);
    }),
  ],
});

const conditions = new Map<string, Condition>();

/** Throws with the CEL parser's message when the text is not a valid expression. */
export function compileCondition(text: string): Condition {
  let c = conditions.get(text);
  if (!c) {
    const parsed = parse(text);
    checkReferences(parsed.expr);
    const program = plan(env, parsed);
    c = (input) => {
      const v = program({ input });
      if (typeof v === "boolean" || isCelError(v)) return v;
      return new Error(`condition returned ${typeof v}, not a bool`);
    };
    conditions.set(text, c);
  }
  return c;
}

// The planner does not type-check, so a misspelt function or variable would only surface as a
// runtime error on every decision (a deny that looks like policy). Rejected at compile time instead.
const PLANNER_OPERATORS = new Set(["_&&_", "_||_", "_?_:_", "_[_]", "_[?_]", "_?._", "@not_strictly_false"]);
const TYPE_NAMES = new Set(["int", "uint", "double", "bool", "string", "bytes", "list", "map", "null_type", "type", "dyn"]);

function checkReferences(root: unknown): void {
  const idents: string[] = [];
  const bound = new Set<string>(["input"]);
  const walk = (x: unknown): void => {
    if (!x || typeof x !== "object") return;
    const node = x as { $typeName?: string; function?: string; name?: string; iterVar?: string; iterVar2?: string; accuVar?: string };
    if (node.$typeName === "cel.expr.Expr.Call" && node.function && !PLANNER_OPERATORS.has(node.function) && !env.funcs.find(node.function)) {
      throw new Error(`unknown function ${node.function}()`);
    }
    if (node.$typeName === "cel.expr.Expr.Ident" && node.name) idents.push(node.name);
    if (node.$typeName === "cel.expr.Expr.Comprehension") for (const v of [node.iterVar, node.iterVar2, node.accuVar]) if (v) bound.add(v);
    for (const v of Object.values(x)) {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === "object") walk(v);
    }
  };
  walk(root);
  const unknown = idents.find((n) => !bound.has(n) && !TYPE_NAMES.has(n));
  if (unknown) throw new Error(`unknown variable ${unknown} (conditions read input)`);
}

export const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

// Parsed documents are never changed after parsing, and the policy cache hands the same object to
// every set a version appears in: its hash is computed once, not once per compile of a 100-document set.
const hashes = new WeakMap<PolicyDocument, string>();

export function documentHash(document: PolicyDocument): string {
  let hash = hashes.get(document);
  if (hash === undefined) {
    hash = sha256(canonicalize(document) ?? "");
    hashes.set(document, hash);
  }
  return hash;
}

export function compilePolicySet(sources: readonly PolicySource[]): CompiledPolicySet {
  const documents = sources
    .map((s) => {
      const hash = documentHash(s.document);
      return { document: s.document, version: s.version ?? hash.slice(0, 12), hash, levelRank: LEVELS.indexOf(s.document.metadata.level) };
    })
    .sort((a, b) => a.levelRank - b.levelRank || a.document.metadata.name.localeCompare(b.document.metadata.name));

  const rules: CompiledRule[] = [];
  const byAction = new Map<string, CompiledRule[]>();
  const wildcard: CompiledRule[] = [];
  const knownActions = new Set<string>(PERMISSION_NAMES);
  for (const d of documents) {
    for (const r of d.document.rules) {
      let condition: Condition | null = null;
      if (r.when !== undefined) {
        try {
          condition = compileCondition(r.when);
        } catch (e) {
          throw new PolicyCompileError(d.document.metadata.name, r.id, (e as Error).message);
        }
      }
      const compiled = ruleOf(d, r, condition, rules.length);
      rules.push(compiled);
      for (const a of r.match.actions) {
        if (a === "*") wildcard.push(compiled);
        else {
          knownActions.add(a);
          byAction.set(a, [...(byAction.get(a) ?? []), compiled]);
        }
      }
    }
  }
  // Wildcard rules join every action's list in evaluation order, so evaluate never merges lists.
  for (const [a, list] of byAction) byAction.set(a, [...list, ...wildcard].sort((x, y) => x.order - y.order));
  byAction.set("*", wildcard);
  return { documents, rules, byAction, knownActions };
}

function ruleOf(d: CompiledDocument, r: Rule, condition: Condition | null, order: number): CompiledRule {
  return {
    policy: d.document.metadata.name,
    version: d.version,
    level: d.document.metadata.level,
    levelRank: d.levelRank,
    id: r.id,
    effect: r.effect,
    reason: r.reason,
    resources: r.match.resources && !r.match.resources.includes("*") ? new Set(r.match.resources) : null,
    when: r.when,
    condition,
    target: isTargeted(d.document.metadata.level) && d.document.metadata.target !== undefined
      ? { attr: d.document.metadata.level, value: d.document.metadata.target }
      : null,
    order,
  };
}
