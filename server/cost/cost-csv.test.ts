import { describe, expect, it } from "vitest";
import { burndownCsv, percentOf, spendCsv, toCsv } from "./cost-csv";

describe("the cost CSVs", () => {
  it("quote what needs quoting, keep formulas as text and end lines with CRLF", () => {
    expect(toCsv(["a", "b"], [["x,y", 'say "hi"'], ["=1+1", null], [" padded", 3]])).toBe('a,b\r\n"x,y","say ""hi"""\r\n\'=1+1,\r\n" padded",3\r\n');
  });

  it("write amounts as exact decimals beside the currency", () => {
    const chart = { groupBy: "team" as const, series: [{ key: "t1", label: "Web, core", costMicros: 1_000_001 }, { key: "other", label: "Others (3)", costMicros: 5 }], points: [{ day: "2026-03-01", values: { t1: 1_000_001, other: 5 } }] };
    expect(spendCsv(chart, "EUR")).toBe('day,group_by,key,label,amount,currency\r\n2026-03-01,team,t1,"Web, core",1.000001,EUR\r\n2026-03-01,team,other,Others (3),0.000005,EUR\r\n');
    const burn = { limitMicros: 2_500_000, points: [{ day: "2026-03-01", spentMicros: 1, projectedMicros: null }, { day: "2026-03-02", spentMicros: null, projectedMicros: 3_000_000 }] };
    expect(burndownCsv(burn as never, "USD")).toBe("day,spent_cumulative,projected_cumulative,limit,currency\r\n2026-03-01,0.000001,,2.500000,USD\r\n2026-03-02,,3.000000,2.500000,USD\r\n");
  });

  it("give shares in percent from the exact amounts, rounded half up", () => {
    expect([percentOf(1, 3), percentOf(2, 3), percentOf(1, 8), percentOf(5, 0), percentOf(7, 7)]).toEqual(["33.33", "66.67", "12.50", "0.00", "100.00"]);
  });
});
