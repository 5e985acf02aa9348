import { describe, expect, it } from "vitest";
import { daysFrom, rangeDays } from "./cost-days";

const now = new Date("2026-03-15T12:00:00Z");

describe("the cost screens' days (UTC)", () => {
  it("turns a preset into days ending today, or takes from and to", () => {
    expect(rangeDays({ range: "7d" }, now)).toEqual({ from: "2026-03-09", to: "2026-03-15" });
    expect(rangeDays({ range: "30d" }, now)).toEqual({ from: "2026-02-14", to: "2026-03-15" });
    expect(rangeDays({ range: "90d" }, now)).toEqual({ from: "2025-12-16", to: "2026-03-15" });
    expect(rangeDays({ range: "month" }, now)).toEqual({ from: "2026-03-01", to: "2026-03-15" });
    expect(rangeDays({ range: "last_month" }, now)).toEqual({ from: "2026-02-01", to: "2026-02-28" });
    expect(rangeDays({ range: "last_month" }, new Date("2026-01-05T00:00:00Z"))).toEqual({ from: "2025-12-01", to: "2025-12-31" });
    expect(rangeDays({ range: "7d", from: "2024-02-27", to: "2024-03-01" }, now)).toEqual({ from: "2024-02-27", to: "2024-03-01" });
    expect(daysFrom("2024-02-27", "2024-03-01")).toEqual(["2024-02-27", "2024-02-28", "2024-02-29", "2024-03-01"]);
  });
});
