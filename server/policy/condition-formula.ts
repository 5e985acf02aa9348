// A rule's condition as a boolean formula over atoms, for the widening check's prover. An atom the
// prover understands is a constraint on one input attribute (equality, `in` a list of literals,
// startsWith/endsWith/contains/matches, matchesAnyGlob, a numeric comparison, a bare boolean
// attribute); every other subexpression is an opaque atom known only by its text. The formula stands
// for "the condition evaluates to true", which in CEL means: `a && b` both true, `a || b` either true,
// `!a` a evaluated to false, `c ? a : b` as its branches say; errors are never true, so the boolean
// reading is exact for truth, the only thing the prover asks about.
import { parse, unparse } from "@bufbuild/cel";
import { globLiteralEnds, matchesGlob } from "./glob";

type Expr = ReturnType<typeof parse>["expr"];

export type Scalar = string | number | bigint | boolean | null;

/** One set of values an attribute may take; an atom is true when the value is in any of its pieces. */
export type Piece =
  | { kind: "values"; values: Scalar[] }
  | {
      kind: "text";
      /** How the test reads, e.g. `startsWith:src/`: two pieces with the same key are the same set. */
      key: string;
      op: "startsWith" | "endsWith" | "contains" | "glob" | "matches";
      arg: string;
      /** The value starts with one of these and ends with suffix. */
      prefixes: string[];
      suffix: string;
      /** Exact membership of a string, as the evaluator decides it; null when it cannot be decided here. */
      test: ((s: string) => boolean) | null;
    }
  | { kind: "range"; lo?: Bound; hi?: Bound };
export type Bound = { v: number; inclusive: boolean };

export type Atom = {
  /** Canonical text: two atoms with the same key always evaluate alike on the same input. */
  key: string;
  /** The attribute constrained (attributePath); absent for an opaque atom. */
  path?: string;
  pieces?: Piece[];
};

export type Formula =
  | { op: "atom"; atom: Atom }
  | { op: "const"; value: boolean }
  | { op: "not"; arg: Formula }
  | { op: "and" | "or"; args: Formula[] }
  | { op: "cond"; test: Formula; then: Formula; else: Formula };

const cache = new Map<string, Formula>();

/** The formula of a condition's text; a condition that does not parse is one opaque atom. */
export function conditionFormula(text: string): Formula {
  let f = cache.get(text);
  if (!f) {
    try {
      f = toFormula(parse(text).expr);
    } catch {
      f = { op: "atom", atom: { key: `unparsed:${text}` } };
    }
    cache.set(text, f);
  }
  return f;
}

/**
 * One attribute of the input, the same however the condition spells it: `input.a.b` and `input["a"]["b"]`
 * are both `input["a"]["b"]`, and `input["a.b"]` stays another attribute.
 */
export const attributePath = (...fields: string[]) => `input${fields.map((f) => `[${JSON.stringify(f)}]`).join("")}`;

/** An attribute of input that must take one of these values (a target, a resource kind, an action). */
export const valuesAtom = (path: string, values: Scalar[]): Formula => ({
  op: "atom",
  atom: { key: `${path} in ${JSON.stringify(values.map(String))}`, path, pieces: [{ kind: "values", values }] },
});

const call = (e: Expr) => (e.exprKind.case === "callExpr" ? e.exprKind.value : null);

function toFormula(e: Expr): Formula {
  if (e.exprKind.case === "constExpr" && e.exprKind.value.constantKind.case === "boolValue") {
    return { op: "const", value: e.exprKind.value.constantKind.value };
  }
  const c = call(e);
  if (c && !c.target) {
    if (c.function === "_&&_") return { op: "and", args: c.args.map(toFormula) };
    if (c.function === "_||_") return { op: "or", args: c.args.map(toFormula) };
    if (c.function === "!_") return { op: "not", arg: toFormula(c.args[0]!) };
    if (c.function === "_?_:_") return { op: "cond", test: toFormula(c.args[0]!), then: toFormula(c.args[1]!), else: toFormula(c.args[2]!) };
    // `a != b` is `!(a == b)`, errors included.
    if (c.function === "_!=_") return { op: "not", arg: atomOf({ ...e, exprKind: { case: "callExpr", value: { ...c, function: "_==_" } } }) };
  }
  return atomOf(e);
}

function atomOf(e: Expr): Formula {
  const c = call(e);
  const path = pathOf(e);
  // A bare attribute is true only when it holds the boolean true.
  const constraint = path !== undefined ? { path, pieces: [{ kind: "values" as const, values: [true] }] } : c ? constraintOf(c) : null;
  return { op: "atom", atom: { key: keyOf(e), ...constraint } };
}

/** The expression's text; unparse cannot print an expanded macro (exists, all...), so those use their tree without node ids. */
function keyOf(e: Expr): string {
  try {
    return unparse(e);
  } catch {
    return JSON.stringify(e, (k, v: unknown) => (k === "id" ? undefined : typeof v === "bigint" ? `${v}n` : v));
  }
}

/** The attributePath of `input.a.b` or `input["a"].b`; undefined for anything else. */
function pathOf(e: Expr): string | undefined {
  const fields = fieldsOf(e);
  return fields ? attributePath(...fields) : undefined;
}

function fieldsOf(e: Expr): string[] | undefined {
  if (e.exprKind.case === "identExpr") return e.exprKind.value.name === "input" ? [] : undefined;
  if (e.exprKind.case === "selectExpr") {
    if (e.exprKind.value.testOnly || !e.exprKind.value.operand) return undefined;
    const base = fieldsOf(e.exprKind.value.operand);
    return base && [...base, e.exprKind.value.field];
  }
  const c = call(e);
  if (c && c.function === "_[_]" && !c.target) {
    const base = fieldsOf(c.args[0]!);
    const field = literal(c.args[1]!);
    return base && typeof field === "string" ? [...base, field] : undefined;
  }
  return undefined;
}

const NOT_LITERAL = Symbol("not a literal");

function literal(e: Expr): Scalar | typeof NOT_LITERAL {
  if (e.exprKind.case !== "constExpr") return NOT_LITERAL;
  const k = e.exprKind.value.constantKind;
  switch (k.case) {
    case "stringValue": case "boolValue": case "doubleValue": case "int64Value": return k.value;
    case "uint64Value": return k.value;
    case "nullValue": return null;
    default: return NOT_LITERAL;
  }
}

function literals(e: Expr): Scalar[] | null {
  if (e.exprKind.case !== "listExpr" || e.exprKind.value.optionalIndices.length) return null;
  const out: Scalar[] = [];
  for (const x of e.exprKind.value.elements) {
    const v = literal(x);
    if (v === NOT_LITERAL) return null;
    out.push(v);
  }
  return out;
}

const COMPARISONS: Record<string, { flip: string }> = { "_<_": { flip: "_>_" }, "_<=_": { flip: "_>=_" }, "_>_": { flip: "_<_" }, "_>=_": { flip: "_<=_" } };

function constraintOf(c: NonNullable<ReturnType<typeof call>>): { path: string; pieces: Piece[] } | null {
  if (c.target) {
    const path = pathOf(c.target);
    if (path === undefined || c.args.length !== 1) return null;
    if (c.function === "matchesAnyGlob") {
      const globs = literals(c.args[0]!);
      if (!globs || !globs.every((g): g is string => typeof g === "string")) return null;
      return { path, pieces: globs.map((g) => ({ kind: "text", key: `glob:${g}`, op: "glob", arg: g, ...globLiteralEnds(g), test: (s) => matchesGlob(s, g) })) };
    }
    const arg = literal(c.args[0]!);
    if (typeof arg !== "string") return null;
    const text = (op: Extract<Piece, { kind: "text" }>["op"], prefix: string, suffix: string, test: ((s: string) => boolean) | null): Piece =>
      ({ kind: "text", key: `${op}:${arg}`, op, arg, prefixes: [prefix], suffix, test });
    switch (c.function) {
      case "startsWith": return { path, pieces: [text("startsWith", arg, "", (s) => s.startsWith(arg))] };
      case "endsWith": return { path, pieces: [text("endsWith", "", arg, (s) => s.endsWith(arg))] };
      case "contains": return { path, pieces: [text("contains", "", "", (s) => s.includes(arg))] };
      // RE2 is not JavaScript's regular expression: membership is left undecided.
      case "matches": return { path, pieces: [text("matches", "", "", null)] };
      default: return null;
    }
  }
  if (c.args.length !== 2) return null;
  const [a, b] = c.args as [Expr, Expr];
  if (c.function === "_==_") {
    const [path, v] = pathOf(a) !== undefined ? [pathOf(a), literal(b)] : [pathOf(b), literal(a)];
    if (path === undefined || typeof v === "symbol") return null;
    return { path, pieces: [{ kind: "values", values: [v] }] };
  }
  if (c.function === "@in") {
    const path = pathOf(a);
    const values = literals(b);
    return path !== undefined && values ? { path, pieces: [{ kind: "values", values }] } : null;
  }
  const cmp = COMPARISONS[c.function];
  if (!cmp) return null;
  const [fn, path, v] = pathOf(a) !== undefined ? [c.function, pathOf(a)!, literal(b)] : [cmp.flip, pathOf(b), literal(a)];
  if (path === undefined || (typeof v !== "number" && typeof v !== "bigint")) return null;
  const n = Number(v);
  // A bound that does not convert exactly could prove a false disjointness.
  if (typeof v === "bigint" && !Number.isSafeInteger(n)) return null;
  const piece: Piece = fn === "_<_" ? { kind: "range", hi: { v: n, inclusive: false } }
    : fn === "_<=_" ? { kind: "range", hi: { v: n, inclusive: true } }
    : fn === "_>_" ? { kind: "range", lo: { v: n, inclusive: false } }
    : { kind: "range", lo: { v: n, inclusive: true } };
  return { path, pieces: [piece] };
}

/** Canonical text of a formula, so identical subformulas are recognised whatever their spacing. */
export function formulaKey(f: Formula): string {
  switch (f.op) {
    case "atom": return f.atom.key;
    case "const": return String(f.value);
    case "not": return `!(${formulaKey(f.arg)})`;
    case "and": case "or": return `${f.op}(${f.args.map(formulaKey).join(", ")})`;
    case "cond": return `(${formulaKey(f.test)} ? ${formulaKey(f.then)} : ${formulaKey(f.else)})`;
  }
}
