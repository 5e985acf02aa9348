import { createHash, randomBytes } from "node:crypto";
import canonicalize from "canonicalize";
import { describe, expect, it } from "vitest";
import { canonicalEvent, canonicalPieces, eventHash, GENESIS_HASH, type ChainedFields } from "./chain";

// The definition the chain was specified with; canonicalEvent is only a faster way to get it.
const reference = (f: unknown, prev: string) => createHash("sha256").update(canonicalize(f)!).update(prev).digest("hex");

const STRINGS = ["", "plain", "quote \" and backslash \\", "line\nbreak\ttab\u0001\u001f", "é ü 中文 😀", "\u2028\u2029", "</script>", "10", "Z", "a"];
const pick = <T>(xs: readonly T[], i: number) => xs[i % xs.length]!;

function sample(i: number): ChainedFields {
  const s = (k: number) => pick(STRINGS, i * 7 + k);
  const maybe = (k: number) => ((i + k) % 3 === 0 ? null : s(k));
  const payloads: unknown[] = [
    {}, { b: 1, a: [1, "x", null, true, { z: 0.1, "é": -0, "10": 1e21, "9": 2 ** 60 }] }, { nested: { deep: { deeper: [[], {}] } } },
    { [s(1)]: s(2), [s(3)]: [s(4), 1.5e-7] }, { skipped: undefined, kept: false },
  ];
  return {
    chain: i % 5 ? `tenant-${i}` : "platform", seq: i + 1, tenantId: i % 5 ? `tenant-${i}` : null,
    createdAt: new Date(1_700_000_000_000 + i * 1234).toISOString(), actorType: pick(["user", "token", "system"], i),
    actorId: maybe(1), actorLabel: maybe(2), action: `thing.${s(3)}`, resourceType: s(4), resourceId: maybe(5),
    decision: pick(["allow", "deny", "success"], i), requestId: maybe(6), sourceIp: maybe(7),
    payload: pick(payloads, i), before: i % 2 ? null : pick(payloads, i + 1), after: i % 4 ? pick(payloads, i + 2) : null,
  };
}

describe("eventHash", () => {
  it("equals sha256(RFC 8785 canonical JSON || prevHash) for varied events", () => {
    let prev = GENESIS_HASH;
    for (let i = 0; i < 500; i++) {
      const f = sample(i);
      expect(canonicalEvent(f)).toBe(canonicalize(f));
      const hash = eventHash(f, prev);
      expect(hash).toBe(reference(f, prev));
      prev = hash;
    }
  });

  it("takes the general path for objects that are not shaped like an event", () => {
    const extra = { ...sample(1), extra: "x" } as ChainedFields;
    expect(canonicalEvent(extra)).toBe(canonicalize(extra));
    const missing = { ...sample(2) } as Partial<ChainedFields>;
    delete missing.sourceIp;
    expect(canonicalEvent(missing as ChainedFields)).toBe(canonicalize(missing));
    const undefinedField = { ...sample(3), resourceId: undefined } as unknown as ChainedFields;
    expect(canonicalEvent(undefinedField)).toBe(canonicalize(undefinedField));
  });

  it("rejects what RFC 8785 cannot represent, as the general serializer does", () => {
    expect(() => eventHash({ ...sample(0), actorLabel: "lone \ud800 surrogate" }, GENESIS_HASH)).toThrow(/surrogate/);
    expect(() => eventHash({ ...sample(0), payload: { x: Number.NaN } }, GENESIS_HASH)).toThrow(/NaN/);
  });

  it("changes when any covered field or the previous hash changes", () => {
    const f = sample(4);
    const base = eventHash(f, GENESIS_HASH);
    expect(eventHash(f, randomBytes(32).toString("hex"))).not.toBe(base);
    for (const key of Object.keys(f) as (keyof ChainedFields)[]) {
      const changed = { ...f, [key]: key === "seq" ? f.seq + 1 : key === "payload" ? { other: 1 } : `${String(f[key])}!` };
      expect(eventHash(changed, GENESIS_HASH), key).not.toBe(base);
    }
  });
});

describe("canonicalPieces", () => {
  it("leaves holes exactly where the values of createdAt and seq go", () => {
    for (let i = 0; i < 200; i++) {
      const f = sample(i);
      const [a, b, c, ...rest] = canonicalPieces(f, ["createdAt", "seq"]);
      expect(rest).toEqual([]);
      expect(a! + JSON.stringify(f.createdAt) + b! + String(f.seq) + c!).toBe(canonicalize(f));
    }
  });

  it("refuses objects not shaped like an event", () => {
    expect(() => canonicalPieces({ ...sample(1), extra: 1 } as ChainedFields, ["seq"])).toThrow(/exactly the chained fields/);
  });
});

describe("canonical form of nested values", () => {
  const cases: [string, unknown][] = [
    ["nested objects and arrays", { b: [1, { d: null, c: [true, false] }], a: { z: "", y: "é" } }],
    ["numbers", { n: [0, -0, 1.5, -1e-7, 1e21, 2 ** 53 + 2, 123456789.125] }],
    ["keys in UTF-16 order", { "é": 1, "z": 2, "Z": 3, "10": 4, "9": 5, "😀": 6, "\u00e9a": 7, "": 8 }],
    ["escapes", { "q\"k": "tab\t nl\n nul\u0000 del\u007f \u2028" }],
    ["members without a JSON value", { kept: 1, gone: undefined, fn: () => 1, sym: Symbol("s") }],
    ["undefined in an array", [1, undefined, 3]],
    ["toJSON", { at: new Date(0), custom: { toJSON: () => ({ z: 1, a: 2 }) } }],
    ["objects without a prototype", Object.assign(Object.create(null), { b: 1, a: 2 })],
    ["class instances", { m: new Map([["a", 1]]), s: new Set([1]) }],
    ["boxed primitives", { s: Object("x"), n: Object(1) }],
    ["deep nesting", JSON.parse("[".repeat(100) + "1" + "]".repeat(100))],
  ];

  it.each(cases)("matches canonicalize for %s", (_name, value) => {
    const f = { ...sample(0), payload: value, before: [value], after: { value } };
    expect(canonicalEvent(f)).toBe(canonicalize(f));
  });

  it.each([
    ["NaN", { x: Number.NaN }, /NaN/],
    ["Infinity", [Infinity], /Infinity/],
    ["a lone surrogate in a key", { ["\ud800"]: 1 }, /surrogate/],
    ["a lone surrogate in a value", ["\udc00"], /surrogate/],
  ])("rejects %s as canonicalize does", (_name, value, error) => {
    expect(() => canonicalEvent({ ...sample(0), payload: value })).toThrow(error);
  });

  it("rejects a cycle as canonicalize does", () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(() => canonicalEvent({ ...sample(0), payload: cyclic })).toThrow(/Circular/);
  });
});
