import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BenchArgsError, parseBenchArgs } from "./args";
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

describe("the bench's command line", () => {
  it("takes figure letters, --json FILE and the figures' own options", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "fleetgate-bench-args-"));
    const a = parseBenchArgs(["a", "g", "--json", path.join(dir, "out.json"), "--warmup=0", "--workers", "2", "--runs=50", "--phase=crash"]);
    expect([...a.only]).toEqual(["a", "g"]);
    expect(a).toMatchObject({ json: path.join(dir, "out.json"), warmup: 0, workers: 2, runs: 50, minutes: 10, phase: "crash" });
    expect(parseBenchArgs([])).toMatchObject({ only: new Set(), json: null, warmup: 20, workers: 1, runs: 1_000, phase: null });
  });

  it.each([
    [["z"], 'unknown figure "z": figures are a, b, c, d, e, f, g, h, i, j, k, l, m'],
    [["--jsn", "x.json"], "Unknown option '--jsn'"],
    [["--json"], "--json"],
    [["--json", "/no/such/dir/out.json"], "--json /no/such/dir/out.json: cannot write into /no/such/dir (ENOENT)"],
    [["--json", tmpdir()], `--json ${tmpdir()}: is a directory`],
    [["--runs=0"], '--runs must be a whole number of at least 1, not "0"'],
    [["--workers=two"], '--workers must be a whole number of at least 1, not "two"'],
    [["--minutes=1.5"], '--minutes must be a whole number of at least 1, not "1.5"'],
    [["--phase=both"], '--phase must be steady or crash, not "both"'],
  ])("refuses %j with one line", (argv, message) => {
    let error: unknown;
    try {
      parseBenchArgs(argv);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BenchArgsError);
    expect((error as Error).message).toContain(message);
    expect((error as Error).message).not.toContain("\n");
  });
});
