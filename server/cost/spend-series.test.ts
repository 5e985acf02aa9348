import { describe, expect, it } from "vitest";
import { chooseSeries, OTHER, shareOf, spendPoints } from "./spend-series";

const totals = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `k${i}`, costMicros: BigInt((i + 1) * 10) }));

describe("the spend chart's series", () => {
  it("shows every key with spend when at most eight, the costliest first", () => {
    expect(chooseSeries(totals(8))).toEqual({ shown: ["k7", "k6", "k5", "k4", "k3", "k2", "k1", "k0"], other: false });
    expect(chooseSeries([{ key: "b", costMicros: 5n }, { key: "a", costMicros: 5n }, { key: "z", costMicros: 0n }])).toEqual({ shown: ["a", "b"], other: false });
  });

  it("keeps the top seven and groups the rest as other past eight", () => {
    expect(chooseSeries(totals(9))).toEqual({ shown: ["k8", "k7", "k6", "k5", "k4", "k3", "k2"], other: true });
    expect(chooseSeries(totals(3), 2)).toEqual({ shown: ["k2"], other: true });
  });

  it("puts every day of the range in the points, zero where nothing was spent, the rest in other", () => {
    const points = spendPoints(["2026-03-01", "2026-03-02"], ["a", OTHER], [
      { day: "2026-03-02", key: "a", costMicros: 5n }, { day: "2026-03-02", key: null, costMicros: 7n }, { day: "2026-03-02", key: "unknown", costMicros: 1n }, { day: "2026-02-01", key: "a", costMicros: 1n },
    ]);
    expect(points.map((p) => [p.day, Object.fromEntries(p.values)])).toEqual([["2026-03-01", { a: 0n, other: 0n }], ["2026-03-02", { a: 5n, other: 7n }]]);
  });

  it("gives shares as fractions, 0 of nothing", () => {
    expect([shareOf(1n, 3n), shareOf(5n, 0n), shareOf(2n, 2n)]).toEqual([0.333333, 0, 1]);
  });
});
