// The hash chain: hash = sha256(canonical(event) || prevHash), canonical being RFC 8785 JSON.
import { hash } from "node:crypto";
import canonicalize from "canonicalize";

export const GENESIS_HASH = "0".repeat(64);

/** The fields an audit event's hash covers, in the shape both append and verify build. */
export type ChainedFields = {
  chain: string;
  seq: number;
  tenantId: string | null;
  createdAt: string;
  actorType: string;
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  decision: string;
  requestId: string | null;
  sourceIp: string | null;
  payload: unknown;
  before: unknown;
  after: unknown;
};

const FIELD_NAMES: readonly (keyof ChainedFields)[] = [
  "chain", "seq", "tenantId", "createdAt", "actorType", "actorId", "actorLabel", "action", "resourceType",
  "resourceId", "decision", "requestId", "sourceIp", "payload", "before", "after",
];
// RFC 8785 orders members by UTF-16 code units, which is what Array.prototype.sort does.
const ORDERED = [...FIELD_NAMES].sort().map((name) => ({ name, prefix: `${JSON.stringify(name)}:` }));

/**
 * canonicalize(fields), byte for byte, without the generic walk over the top level: its members
 * are known, so only payload, before and after go through the general serializer. Verification
 * hashes every event of a chain, and this is most of its time. Anything not shaped exactly like
 * ChainedFields takes the general path.
 */
export function canonicalEvent(fields: ChainedFields): string {
  return isEventShaped(fields) ? pieces(fields, null)[0]! : general(fields);
}

/**
 * The canonical text with the values of some members left out: the pieces around them, in member
 * order. Joining the pieces with those values' JSON text (a string in quotes, a number as digits)
 * gives canonicalEvent(fields). Lets the database fill in what only it knows at write time.
 */
export function canonicalPieces(fields: ChainedFields, holes: readonly (keyof ChainedFields)[]): string[] {
  if (!isEventShaped(fields)) throw new Error("audit event does not have exactly the chained fields");
  return pieces(fields, holes);
}

function pieces(fields: ChainedFields, holes: readonly (keyof ChainedFields)[] | null): string[] {
  const out: string[] = [];
  let text = "{";
  let first = true;
  for (const { name, prefix } of ORDERED) {
    const hole = holes !== null && holes.includes(name);
    const value = hole ? "" : member(fields[name]);
    if (value === undefined) continue; // as in JSON, a member without a JSON value is left out
    text += (first ? "" : ",") + prefix + value;
    first = false;
    if (hole) {
      out.push(text);
      text = "";
    }
  }
  out.push(text + "}");
  return out;
}

function isEventShaped(fields: ChainedFields): boolean {
  if (Object.keys(fields).length !== ORDERED.length) return false;
  return ORDERED.every(({ name }) => Object.hasOwn(fields, name));
}

function member(value: unknown): string | undefined {
  if (typeof value === "string" && isWellFormed(value)) return JSON.stringify(value);
  if (value !== null && typeof value === "object") {
    const text = plainJson(value, 0);
    if (text !== undefined) return text;
  }
  return canonicalize(value);
}

const isWellFormed = (s: string) => (s as unknown as { isWellFormed(): boolean }).isWellFormed();

/**
 * RFC 8785 text of plain JSON data (what JSON.parse returns), as canonicalize writes it, by direct
 * recursion. Returns undefined for anything else (toJSON, class instances, undefined in arrays,
 * non-finite numbers, lone surrogates, very deep nesting), which canonicalize then handles or
 * rejects exactly as before.
 */
function plainJson(value: unknown, depth: number): string | undefined {
  switch (typeof value) {
    case "string": return isWellFormed(value) ? JSON.stringify(value) : undefined;
    case "number": return Number.isFinite(value) ? JSON.stringify(value) : undefined;
    case "boolean": return value ? "true" : "false";
    case "object": break;
    default: return undefined;
  }
  if (value === null) return "null";
  if (depth > 64) return undefined;
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) return undefined;
    let out = "[";
    for (let i = 0; i < value.length; i++) {
      const item = plainJson(value[i], depth + 1);
      if (item === undefined) return undefined;
      out += i === 0 ? item : "," + item;
    }
    return out + "]";
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return undefined;
  const record = value as Record<string, unknown>;
  if (typeof record.toJSON === "function") return undefined;
  let out = "{";
  for (const key of Object.keys(record).sort()) {
    const v = record[key];
    if (v === undefined) continue; // JSON leaves the member out
    const text = plainJson(v, depth + 1);
    if (text === undefined || !isWellFormed(key)) return undefined;
    out += (out.length === 1 ? "" : ",") + JSON.stringify(key) + ":" + text;
  }
  return out + "}";
}

function general(fields: ChainedFields): string {
  const text = canonicalize(fields);
  if (text === undefined) throw new Error("audit event is not serialisable");
  return text;
}

export function eventHash(fields: ChainedFields, prevHash: string): string {
  // One-shot hashing of the concatenation: the same bytes as two updates, without a Hash object.
  return hash("sha256", canonicalEvent(fields) + prevHash, "hex");
}
