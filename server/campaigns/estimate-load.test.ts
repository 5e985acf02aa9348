import { describe, expect, it } from "vitest";
import { estimateLoad } from "./estimate-load";
import { openWeek } from "./schedule-window";

describe("load estimate", () => {
  it("puts each wave's PRs on its own open day, per team", () => {
    const targets = [
      { team: "web", waveIndex: 0 }, { team: "web", waveIndex: 1 }, { team: "web", waveIndex: 1 }, { team: "web", waveIndex: 1 },
      { team: "data", waveIndex: 2 }, { team: null, waveIndex: 2 },
    ];
    const weekdays = { timezone: "Europe/Berlin", windows: [{ days: ["mon", "tue", "wed", "thu", "fri"], start: "09:00", end: "17:00" }] };
    const e = estimateLoad(targets, 3, weekdays);
    expect(e).toMatchObject({ openDaysPerWeek: 5, openHoursPerDay: 8, rolloutDays: 5 });
    expect(e.perTeam).toEqual([
      { team: "web", targets: 4, byWave: [1, 3, 0], peakPerDay: 3, averagePerDay: 0.8 },
      { team: "data", targets: 1, byWave: [0, 0, 1], peakPerDay: 1, averagePerDay: 0.2 },
      { team: null, targets: 1, byWave: [0, 0, 1], peakPerDay: 1, averagePerDay: 0.2 },
    ]);
    expect(e.assumption).toMatch(/^No caps yet/);
  });

  it("spreads a wave over more open days when the soak time is longer than one", () => {
    const e = estimateLoad([{ team: "web", waveIndex: 0 }, { team: "web", waveIndex: 1 }], 2, undefined, 36 * 60);
    expect(e.rolloutDays).toBe(4);
    expect(e.assumption).toContain("2 open days (the soak time)");
  });

  it("counts a week's open time, overnight windows included", () => {
    expect(openWeek({ timezone: "UTC", windows: [{ days: ["sat"], start: "22:00", end: "02:00" }, { days: ["sun"], start: "00:00", end: "24:00" }] })).toEqual({ daysPerWeek: 2, minutesPerDay: 840 });
    expect(openWeek(undefined)).toEqual({ daysPerWeek: 7, minutesPerDay: 1440 });
  });
});
