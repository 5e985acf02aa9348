import { describe, expect, it } from "vitest";
import { figureLine, figuresJson, figuresTable, formatRatio, ratio, type Figure } from "./figure";

const append: Figure = { name: "(b) audit append", value: 2_500, unit: "events/s", baseline: { value: 10_000, is: "bare INSERT" } };
const start: Figure = { name: "(i) sandbox start p95", value: 12, unit: "ms", baseline: { value: 4, is: "bare bwrap" } };
const inbox: Figure = { name: "(h) inbox p95", value: 0.25, unit: "ms", baseline: null };

describe("figures beside their baseline", () => {
  it("divides the figure by its baseline, and has no ratio without one or with a zero baseline", () => {
    expect(ratio(append)).toBe(0.25);
    expect(ratio(start)).toBe(3);
    expect(ratio(inbox)).toBeNull();
    expect(ratio({ ...start, baseline: { value: 0, is: "nothing" } })).toBeNull();
    expect(ratio({ ...start, value: NaN })).toBeNull();
  });

  it("prints the ratio with fewer digits as it grows", () => {
    expect([formatRatio(0.2512), formatRatio(3), formatRatio(42.04), formatRatio(1234.5), formatRatio(null)]).toEqual(["0.25x", "3.00x", "42.0x", "1,235x", "n/a"]);
  });

  it("prints a figure with its baseline and ratio, or says it has none", () => {
    expect(figureLine(append)).toBe("(b) audit append: 2,500 events/s; baseline 10,000 events/s (bare INSERT); ratio 0.25x");
    expect(figureLine(start)).toBe("(i) sandbox start p95: 12.0 ms; baseline 4.0 ms (bare bwrap); ratio 3.00x");
    expect(figureLine(inbox)).toBe("(h) inbox p95: 0.2500 ms; no baseline");
    expect(figureLine({ name: "(k) runs", value: 0.0014, unit: "runs/s", baseline: null })).toBe("(k) runs: 0.001 runs/s; no baseline");
  });

  it("lines the table up in columns, a row per figure", () => {
    const lines = figuresTable([append, inbox]).split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^figure +value +baseline +ratio +baseline is$/);
    expect(lines[1]).toMatch(/^\(b\) audit append +2,500 events\/s +10,000 events\/s +0\.25x +bare INSERT$/);
    expect(lines[2]).toMatch(/^\(h\) inbox p95 +0\.2500 ms +no baseline$/);
    // The value column ends at the same place on every row.
    const end = (l: string, cell: string) => l.indexOf(cell) + cell.length;
    expect(end(lines[1]!, "2,500 events/s")).toBe(end(lines[0]!, "value"));
    expect(end(lines[2]!, "0.2500 ms")).toBe(end(lines[0]!, "value"));
  });

  it("writes every figure as JSON with its baseline, ratio and what the baseline is, null without one", () => {
    const report = { startedAt: "2026-12-07T12:00:00.000Z", cores: 2, loadAverage: { start: [1, 2, 3], end: [1, 1, 1] }, seconds: 12.5, error: null };
    const json = JSON.parse(figuresJson([append, inbox], report));
    expect(json).toEqual({
      ...report,
      figures: [
        { name: "(b) audit append", value: 2_500, unit: "events/s", baseline: 10_000, ratio: 0.25, baselineIs: "bare INSERT" },
        { name: "(h) inbox p95", value: 0.25, unit: "ms", baseline: null, ratio: null, baselineIs: null },
      ],
    });
  });
});
