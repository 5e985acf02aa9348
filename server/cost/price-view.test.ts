import { describe, expect, it } from "vitest";
import { currentPeriod } from "./current-period";
import { priceText } from "./price-view";

describe("priceText", () => {
  it("shows a price to the micro-unit, with cents at least and no trailing zeros past them", () => {
    expect([0n, 2_500_000n, 75_000n, 7_500n, 30n, 1_234_567_891n].map((m) => priceText(m, "USD")))
      .toEqual(["$0.00", "$2.50", "$0.075", "$0.0075", "$0.00003", "$1,234.567891"]);
    expect(priceText(null, "USD")).toBeNull();
    expect(priceText(1_500_000n, "EUR")).toBe("€1.50");
  });
});

describe("currentPeriod", () => {
  it("is the UTC day, the week from Monday and the month; one life for a campaign; none for a run budget", () => {
    const sunday = new Date("2026-12-13T23:59:59.999Z");
    expect(currentPeriod("week", sunday)).toEqual({ key: "2026-12-07", startsAt: new Date("2026-12-07T00:00:00Z"), endsAt: new Date("2026-12-14T00:00:00Z") });
    expect(currentPeriod("week", new Date("2026-12-14T00:00:00Z"))!.key).toBe("2026-12-14");
    expect(currentPeriod("day", sunday)).toEqual({ key: "2026-12-13", startsAt: new Date("2026-12-13T00:00:00Z"), endsAt: new Date("2026-12-14T00:00:00Z") });
    expect(currentPeriod("month", new Date("2026-12-31T12:00:00Z"))).toEqual({ key: "2026-12-01", startsAt: new Date("2026-12-01T00:00:00Z"), endsAt: new Date("2027-01-01T00:00:00Z") });
    expect(currentPeriod("campaign", sunday)).toEqual({ key: "life", startsAt: null, endsAt: null });
    expect(currentPeriod("run", sunday)).toBeNull();
  });
});
