import { describe, expect, it } from "vitest";
import { burnDown } from "./burn-down";

const d = (s: string) => new Date(s);
const daily = (o: Record<string, number>) => new Map(Object.entries(o).map(([k, v]) => [k, BigInt(v)]));
const month = { startsAt: d("2026-03-01T00:00:00Z"), endsAt: d("2026-04-01T00:00:00Z") };

describe("a budget's burn-down", () => {
  it("projects the last seven days' rate to the period's end and says when the limit runs out", () => {
    // 1,000,000 a day for the 9th to the 14th, and half a day's worth by noon on the 15th: 6.5 days at 1,000,000.
    const spend = daily({ "2026-03-02": 4_000_000, "2026-03-09": 1e6, "2026-03-10": 1e6, "2026-03-11": 1e6, "2026-03-12": 1e6, "2026-03-13": 1e6, "2026-03-14": 1e6, "2026-03-15": 500_000 });
    const b = burnDown({ ...month, now: d("2026-03-15T12:00:00Z"), limitMicros: 20_000_000n, daily: spend });
    expect([b.spentMicros, b.dailyRateMicros, b.projectedEndMicros]).toEqual([10_500_000n, 1_000_000n, 27_000_000n]);
    // 9,500,000 left at 1,000,000 a day: 9.5 days after noon on the 15th.
    expect(b.runsOutAt?.toISOString()).toBe("2026-03-25T00:00:00.000Z");
    expect(b.status).toBe("projected_over");
    expect(b.points).toHaveLength(31);
    expect(b.points[0]).toEqual({ day: "2026-03-01", spentMicros: 0n, projectedMicros: null });
    expect(b.points[1]).toEqual({ day: "2026-03-02", spentMicros: 4_000_000n, projectedMicros: null });
    expect(b.points[14]).toEqual({ day: "2026-03-15", spentMicros: 10_500_000n, projectedMicros: 10_500_000n });
    expect(b.points[15]).toEqual({ day: "2026-03-16", spentMicros: null, projectedMicros: 12_000_000n });
    expect(b.points[30]).toEqual({ day: "2026-03-31", spentMicros: null, projectedMicros: 27_000_000n });
  });

  it("says 'not before the period ends' (null) when the rate keeps within the limit", () => {
    const b = burnDown({ ...month, now: d("2026-03-15T12:00:00Z"), limitMicros: 100_000_000n, daily: daily({ "2026-03-15": 500_000 }) });
    expect([b.runsOutAt, b.status, b.exhaustedOn]).toEqual([null, "within", null]);
    expect(burnDown({ ...month, now: d("2026-03-15T12:00:00Z"), limitMicros: 1n, daily: new Map() })).toMatchObject({ runsOutAt: null, status: "within", dailyRateMicros: 0n, projectedEndMicros: 0n });
  });

  it("names the day the spend reached the limit", () => {
    const b = burnDown({ ...month, now: d("2026-03-15T12:00:00Z"), limitMicros: 2_000_000n, daily: daily({ "2026-03-03": 1_999_999, "2026-03-04": 1, "2026-03-05": 7 }) });
    expect([b.exhaustedOn, b.status, b.runsOutAt, b.spentMicros]).toEqual(["2026-03-04", "exhausted", null, 2_000_007n]);
  });

  it("counts only the elapsed part of a period that began today, and at least an hour", () => {
    const day = { startsAt: d("2026-03-15T00:00:00Z"), endsAt: d("2026-03-16T00:00:00Z") };
    const six = burnDown({ ...day, now: d("2026-03-15T06:00:00Z"), limitMicros: 10_000_000n, daily: daily({ "2026-03-15": 1_000_000 }) });
    expect([six.dailyRateMicros, six.projectedEndMicros, six.runsOutAt]).toEqual([4_000_000n, 4_000_000n, null]);
    const early = burnDown({ ...day, now: d("2026-03-15T00:01:00Z"), limitMicros: 10_000_000n, daily: daily({ "2026-03-15": 100_000 }) });
    expect(early.dailyRateMicros).toBe(2_400_000n);
    expect(early.points).toEqual([{ day: "2026-03-15", spentMicros: 100_000n, projectedMicros: 100_000n }]);
  });

  it("draws an open-ended period 30 days past today, with no end amount", () => {
    const b = burnDown({ startsAt: d("2026-03-13T08:00:00Z"), endsAt: null, now: d("2026-03-15T08:00:00Z"), limitMicros: 1_000_000n, daily: daily({ "2026-03-14": 200_000 }) });
    expect([b.dailyRateMicros, b.projectedEndMicros, b.points.length, b.points.at(-1)!.day]).toEqual([100_000n, null, 33, "2026-04-14"]);
    expect(b.runsOutAt?.toISOString()).toBe("2026-03-23T08:00:00.000Z");
  });

  it("stops at an ended period's end and projects nothing", () => {
    const b = burnDown({ startsAt: d("2026-03-01T00:00:00Z"), endsAt: d("2026-03-05T12:00:00Z"), now: d("2026-03-15T12:00:00Z"), limitMicros: 10n, daily: daily({ "2026-03-02": 3, "2026-03-05": 4 }) });
    expect([b.spentMicros, b.projectedEndMicros, b.runsOutAt, b.status, b.points.length]).toEqual([7n, 7n, null, "within", 5]);
    expect(b.points.every((p) => p.projectedMicros === null && p.spentMicros !== null)).toBe(true);
  });
});
