import { describe, expect, it } from "vitest";
import { bucketsBetween, bucketTimes, cumulate } from "./time-buckets";

describe("bucketsBetween", () => {
  it("spreads at most maxPoints whole-minute points ending at `to`", () => {
    const to = new Date("2026-12-10T12:00:00Z");
    const b = bucketsBetween(new Date("2026-12-10T00:00:00Z"), to, 49);
    expect(b).toMatchObject({ stepMs: 15 * 60_000, n: 49 });
    expect(bucketTimes(b).at(-1)).toBe(to.toISOString());
    expect(bucketTimes(b)[0]).toBe("2026-12-10T00:00:00.000Z");
  });

  it("keeps two points a minute apart for a span shorter than a minute", () => {
    const to = new Date("2026-12-10T12:00:00Z");
    expect(bucketsBetween(new Date(to.getTime() - 5_000), to, 60)).toMatchObject({ stepMs: 60_000, n: 2 });
  });
});

describe("cumulate", () => {
  it("sums changes per key up to each point, ignoring unknown keys and points outside", () => {
    const b = { start: new Date(0), stepMs: 1000, n: 3 };
    const rows = [{ i: 0, key: "a", delta: 2 }, { i: 1, key: "a", delta: -1 }, { i: 1, key: "b", delta: 1 }, { i: 2, key: "x", delta: 5 }, { i: 7, key: "a", delta: 9 }];
    expect(cumulate(b, ["a", "b"], rows)).toEqual([{ a: 2, b: 0 }, { a: 1, b: 1 }, { a: 1, b: 1 }]);
  });
});
