// Settling computes a cost in SQL (fleetgate_cost_of, migration 20261211140000_cost_functions);
// money.ts's modelCost and resourceCost, through costOf, are its definition. The two agree, to the
// micro-unit, on thousands of random prices and usages: cached tokens (more than the input too),
// prices without a cached rate or with nothing, fractional and negative wall times, the largest
// prices and token counts a column holds, and every cost rounded up.
import { afterAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "../db/client";
import { RESOURCES } from "./money";
import { MAX_PRICE_MICROS } from "./price-input";
import { costOf, type Measured } from "./record-cost";
import type { CostKind } from "./reserve-cost";

afterAll(async () => {
  await disconnectDb();
});

/** A small deterministic generator, so a failure names a reproducible case. */
function random(seed: number): (max: number) => number {
  let s = seed >>> 0;
  return (max) => {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    return Math.floor((s / 2 ** 32) * (max + 1));
  };
}

const INT_MAX = 2 ** 31 - 1;

type Case = {
  kind: CostKind; subject: string;
  /** The price row as stored: any amount may be null. */
  inputMicros: bigint | null; outputMicros: bigint | null; cachedMicros: bigint | null; unitMicros: bigint | null;
  measured: Required<Pick<Measured, "inputTokens" | "outputTokens" | "cachedTokens" | "quantityMs">>;
};

function cases(n: number, seed: number): Case[] {
  const r = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[r(xs.length - 1)]!;
  // Small, mid-sized, huge and edge amounts, so rounding and overflow both get their turn.
  const amount = (): bigint | null => pick([
    () => null, () => 0n, () => 1n, () => BigInt(r(999)), () => BigInt(r(10_000_000)), () => BigInt(r(MAX_PRICE_MICROS)), () => BigInt(MAX_PRICE_MICROS),
  ])();
  const tokens = (): number => pick([() => 0, () => 1, () => r(100), () => r(1_000_000), () => r(INT_MAX), () => INT_MAX])();
  const ms = (): number => pick([() => 0, () => r(5_000) / 7, () => r(INT_MAX - 1), () => -r(1_000) / 3, () => 0.001, () => 59_999.5])();
  const resources = Object.keys(RESOURCES);
  return Array.from({ length: n }, () => {
    const kind = pick(["model", "model", "sandbox", "verifier"] as const);
    const inputTokens = tokens();
    return {
      kind,
      subject: kind === "model" ? pick(["gpt-4o", "*"]) : pick(resources),
      inputMicros: amount(), outputMicros: amount(), cachedMicros: amount(), unitMicros: amount(),
      measured: { inputTokens, outputTokens: tokens(), cachedTokens: pick([0, r(inputTokens), inputTokens, tokens()]), quantityMs: ms() },
    };
  });
}

/** costOf with the price as priceInForce hands it over (no cached rate: the input rate; nothing: zero). */
const inTypeScript = (c: Case): bigint => costOf(c.kind, {
  subject: c.subject, inputMicros: c.inputMicros ?? 0n, outputMicros: c.outputMicros ?? 0n,
  cachedMicros: c.cachedMicros ?? c.inputMicros ?? 0n, unitMicros: c.unitMicros ?? 0n,
}, c.measured);

/** fleetgate_cost_of over all the cases in one statement, with the usage as settleCost sends it. */
async function inSql(cs: Case[]): Promise<bigint[]> {
  const col = <T>(f: (c: Case) => T): T[] => cs.map(f);
  const text = (b: bigint | null) => (b === null ? null : b.toString());
  const rows = await db.$queryRaw<{ cost: bigint }[]>`
    SELECT fleetgate_cost_of(u.kind, u.subject, u.input, u.output, u.cached, u.unit, u.tin, u.tout, u.tcached, u.quantity) AS cost
    FROM unnest(${col((c) => c.kind)}::text[], ${col((c) => c.subject)}::text[], ${col((c) => text(c.inputMicros))}::bigint[], ${col((c) => text(c.outputMicros))}::bigint[],
                ${col((c) => text(c.cachedMicros))}::bigint[], ${col((c) => text(c.unitMicros))}::bigint[], ${col((c) => c.measured.inputTokens)}::int[],
                ${col((c) => c.measured.outputTokens)}::int[], ${col((c) => c.measured.cachedTokens)}::int[], ${col((c) => Math.ceil(c.measured.quantityMs))}::int[])
      WITH ORDINALITY AS u(kind, subject, input, output, cached, unit, tin, tout, tcached, quantity, n)
    ORDER BY u.n`;
  return rows.map((r) => r.cost);
}

describe("a cost computed in SQL", () => {
  it("is costOf's, to the micro-unit, on 20,000 random prices and usages", async () => {
    for (const seed of [1, 2, 3, 4]) {
      const cs = cases(5_000, seed);
      const sql = await inSql(cs);
      const mismatches = cs.flatMap((c, i) => (sql[i] === inTypeScript(c) ? [] : [{ case: c, sql: sql[i], ts: inTypeScript(c) }]));
      expect(mismatches, `seed ${seed}`).toEqual([]);
    }
  });

  it("agrees on the rounding edges: a fraction of a micro-unit is one, an exact one stays, more cached tokens than input are held to the input", async () => {
    const price = { inputMicros: 2_500_000n, outputMicros: 10_000_000n, cachedMicros: 1_250_000n, unitMicros: 30n };
    const model = (inputTokens: number, outputTokens: number, cachedTokens: number): Case => ({ kind: "model", subject: "gpt-4o", ...price, measured: { inputTokens, outputTokens, cachedTokens, quantityMs: 0 } });
    const sandbox = (quantityMs: number): Case => ({ kind: "sandbox", subject: "sandbox_second", ...price, measured: { inputTokens: 0, outputTokens: 0, cachedTokens: 0, quantityMs } });
    const cs = [model(1, 0, 0), model(1, 1, 0), model(0, 1_000_001, 0), model(1_000, 0, 400), model(100, 0, 1_000), model(0, 0, 5), sandbox(1), sandbox(33.4), sandbox(100_000), sandbox(-5)];
    expect(await inSql(cs)).toEqual([3n, 13n, 10_000_010n, 2_000n, 125n, 0n, 1n, 2n, 3_000n, 0n]);
    expect(cs.map(inTypeScript)).toEqual([3n, 13n, 10_000_010n, 2_000n, 125n, 0n, 1n, 2n, 3_000n, 0n]);
  });

  it("refuses a sandbox or verifier cost under a price that is not a resource's, as costOf does", async () => {
    const c: Case = { kind: "sandbox", subject: "gpt-4o", inputMicros: 1n, outputMicros: 1n, cachedMicros: null, unitMicros: 1n, measured: { inputTokens: 0, outputTokens: 0, cachedTokens: 0, quantityMs: 1_000 } };
    expect(() => inTypeScript(c)).toThrow('a sandbox cost needs a resource price, not "gpt-4o"');
    await expect(inSql([c])).rejects.toThrow('a sandbox cost needs a resource price, not "gpt-4o"');
  });
});
