// A small, sound prover over condition formulas (condition-formula.ts) for the widening check. It
// answers two questions and says "no proof" whenever it is unsure, which the check treats as a refusal:
// - can two conditions never both be true? (disjunctive normal form of both, each conjunction refuted
//   by an atom and its negation, constraints on one attribute that exclude each other, or a constraint
//   contained in one the conjunction negates);
// - does one condition imply another? (every && conjunct of the implied one is a conjunct of the other,
//   or contains one of its constraints on the same attribute).
import { formulaKey, type Atom, type Formula, type Piece, type Scalar } from "./condition-formula";

type Literal = { atom: Atom; negated: boolean };
type Clause = Literal[];

/** Past this many conjunctions the prover gives up (answers "may overlap"). */
const MAX_CLAUSES = 512;

const not = (arg: Formula): Formula => ({ op: "not", arg });

function dnf(f: Formula, negated: boolean): Clause[] | null {
  switch (f.op) {
    case "atom": return [[{ atom: f.atom, negated }]];
    case "const": return f.value !== negated ? [[]] : [];
    case "not": return dnf(f.arg, !negated);
    case "cond": {
      // `c ? a : b` is true when c is true and a is, or c is false and b is; false likewise.
      const branch = (x: Formula) => (negated ? not(x) : x);
      return dnf({ op: "or", args: [{ op: "and", args: [f.test, branch(f.then)] }, { op: "and", args: [not(f.test), branch(f.else)] }] }, false);
    }
    case "and": case "or": {
      const parts: Clause[][] = [];
      for (const a of f.args) {
        const d = dnf(a, negated);
        if (!d) return null;
        parts.push(d);
      }
      return (f.op === "and") !== negated ? product(parts) : bounded(parts.flat());
    }
  }
}

const bounded = (clauses: Clause[]) => (clauses.length > MAX_CLAUSES ? null : clauses);

function product(parts: Clause[][]): Clause[] | null {
  let acc: Clause[] = [[]];
  for (const p of parts) {
    const next = acc.flatMap((a) => p.map((b) => [...a, ...b]));
    if (next.length > MAX_CLAUSES) return null;
    acc = next;
  }
  return acc;
}

/** false only when the prover shows that the two formulas are never true on the same input. */
export function mayOverlap(a: Formula, b: Formula): boolean {
  const clauses = dnf({ op: "and", args: [a, b] }, false);
  return clauses === null || clauses.some((c) => !refuted(c));
}

/** true only when the prover shows that whenever `lower` is true, `higher` is. */
export function implies(lower: Formula, higher: Formula): boolean {
  const mine = conjuncts(lower);
  if (mine.some((f) => f.op === "const" && !f.value)) return true;
  const keys = new Set(mine.map(formulaKey));
  return conjuncts(higher).every(
    (h) => (h.op === "const" && h.value) || keys.has(formulaKey(h)) || (h.op === "atom" && mine.some((l) => l.op === "atom" && contained(l.atom, h.atom))),
  );
}

function conjuncts(f: Formula): Formula[] {
  return f.op === "and" ? f.args.flatMap(conjuncts) : [f];
}

function refuted(clause: Clause): boolean {
  const polarity = new Map<string, Set<boolean>>();
  for (const l of clause) {
    const seen = polarity.get(l.atom.key) ?? new Set();
    seen.add(l.negated);
    if (seen.size === 2) return true;
    polarity.set(l.atom.key, seen);
  }
  const byPath = new Map<string, { pos: Atom[]; neg: Atom[] }>();
  for (const l of clause) {
    if (l.atom.path === undefined || !l.atom.pieces) continue;
    const g = byPath.get(l.atom.path) ?? { pos: [], neg: [] };
    (l.negated ? g.neg : g.pos).push(l.atom);
    byPath.set(l.atom.path, g);
  }
  for (const { pos, neg } of byPath.values()) {
    // A finite set of values: keep those every positive constraint may hold for and no negated one surely does.
    const finite = pos.find((a) => a.pieces!.every((p) => p.kind === "values"));
    if (finite) {
      const values = finite.pieces!.flatMap((p) => (p.kind === "values" ? p.values : []));
      const left = values.filter((v) => pos.every((a) => member(v, a) !== "no") && neg.every((a) => member(v, a) !== "yes"));
      if (left.length === 0) return true;
    }
    // Some positive constraint none of whose pieces the others leave possible.
    if (pos.some((b) => b.pieces!.every((q) => pos.some((a) => a !== b && a.pieces!.every((p) => piecesDisjoint(p, q)))))) return true;
    if (pos.some((p) => neg.some((n) => contained(p, n)))) return true;
  }
  return false;
}

type Tri = "yes" | "no" | "unknown";

function member(v: Scalar, a: Atom): Tri {
  const answers = a.pieces!.map((p) => inPiece(v, p));
  return answers.includes("yes") ? "yes" : answers.every((x) => x === "no") ? "no" : "unknown";
}

function inPiece(v: Scalar, p: Piece): Tri {
  switch (p.kind) {
    case "values": return p.values.some((x) => celEqual(v, x)) ? "yes" : "no";
    case "text": return typeof v === "string" && p.test ? (p.test(v) ? "yes" : "no") : "unknown";
    case "range": return typeof v === "number" || typeof v === "bigint" ? (inRange(Number(v), p) ? "yes" : "no") : "unknown";
  }
}

/** CEL equality of two literals: numbers compare by value across int, uint and double. */
function celEqual(a: Scalar, b: Scalar): boolean {
  const numeric = (x: Scalar) => typeof x === "number" || typeof x === "bigint";
  if (numeric(a) && numeric(b)) {
    if (typeof a === "bigint" && typeof b === "bigint") return a === b;
    const [big, other] = typeof a === "bigint" ? [a, b as number] : typeof b === "bigint" ? [b, a as number] : [null, a as number];
    if (big === null) return a === b;
    return Number.isInteger(other) && BigInt(other) === big;
  }
  return a === b;
}

const inRange = (n: number, r: Extract<Piece, { kind: "range" }>) =>
  (!r.lo || n > r.lo.v || (r.lo.inclusive && n === r.lo.v)) && (!r.hi || n < r.hi.v || (r.hi.inclusive && n === r.hi.v));

function piecesDisjoint(p: Piece, q: Piece): boolean {
  if (p.kind === "values") return p.values.every((v) => inPiece(v, q) === "no");
  if (q.kind === "values") return piecesDisjoint(q, p);
  if (p.kind === "text" && q.kind === "text") {
    const apart = (x: string, y: string) => !x.startsWith(y) && !y.startsWith(x);
    const prefixesApart = p.prefixes.every((x) => q.prefixes.every((y) => apart(x, y)));
    const suffixesApart = !p.suffix.endsWith(q.suffix) && !q.suffix.endsWith(p.suffix);
    return prefixesApart || suffixesApart;
  }
  if (p.kind === "range" && q.kind === "range") {
    const lo = [p.lo, q.lo].filter((b) => b !== undefined).sort((x, y) => y.v - x.v || Number(x.inclusive) - Number(y.inclusive))[0];
    const hi = [p.hi, q.hi].filter((b) => b !== undefined).sort((x, y) => x.v - y.v || Number(x.inclusive) - Number(y.inclusive))[0];
    return lo !== undefined && hi !== undefined && (lo.v > hi.v || (lo.v === hi.v && !(lo.inclusive && hi.inclusive)));
  }
  return false;
}

/** Is every value that makes `a` true one that makes `b` true? */
function contained(a: Atom, b: Atom): boolean {
  if (a.key === b.key) return true;
  if (a.path === undefined || a.path !== b.path) return false;
  return a.pieces!.every((p) => b.pieces!.some((q) => pieceContained(p, q)));
}

function pieceContained(p: Piece, q: Piece): boolean {
  if (p.kind === "values") return p.values.every((v) => inPiece(v, q) === "yes");
  if (p.kind === "text" && q.kind === "text") {
    if (p.key === q.key) return true;
    if (p.op !== q.op) return false;
    if (p.op === "startsWith") return p.arg.startsWith(q.arg);
    if (p.op === "endsWith") return p.arg.endsWith(q.arg);
    if (p.op === "contains") return p.arg.includes(q.arg);
    return false;
  }
  if (p.kind === "range" && q.kind === "range") {
    const loOk = !q.lo || (p.lo !== undefined && (p.lo.v > q.lo.v || (p.lo.v === q.lo.v && (q.lo.inclusive || !p.lo.inclusive))));
    const hiOk = !q.hi || (p.hi !== undefined && (p.hi.v < q.hi.v || (p.hi.v === q.hi.v && (q.hi.inclusive || !p.hi.inclusive))));
    return loOk && hiOk;
  }
  return false;
}
