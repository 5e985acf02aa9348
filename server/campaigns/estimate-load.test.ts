import { describe, expect, it } from "vitest";
import { capSet, type CampaignPacing, type CapSet } from "../github/caps/cap-set";
import { estimateLoad } from "./estimate-load";
import { openWeek } from "./schedule-window";

type PolicyCaps = { prsPerHour: { rate: number; burst: number } | null; openPerTeam: number | null; awaitingReviewPerTeam: number | null; perRepository: number | null };
// The caps a target publishes under, resolved by the publisher's own capSet from a policy and a spec.
const caps = (policy: Partial<PolicyCaps> = {}, spec: Partial<CampaignPacing> = {}, maxPrsPerWave: number | null = null): CapSet => capSet(
  { publishing: { caps: { prsPerHour: null, openPerTeam: null, awaitingReviewPerTeam: null, perRepository: null, ...policy } } as never, limits: { maxFilesChanged: null, maxLinesChanged: null, maxPrsPerWave } },
  { id: "c1", name: "bump", prsPerHour: null, openPerTeam: null, awaitingReviewPerTeam: null, perRepository: null, perWave: null, securityFix: false, schedule: null, ...spec },
);
const none = caps();
const many = (n: number, team: string | null, waveIndex: number, c: CapSet = none) => Array.from({ length: n }, () => ({ team, waveIndex, caps: c }));
const weekdays = (start = "09:00", end = "17:00") => ({ timezone: "Europe/Berlin", windows: [{ days: ["mon", "tue", "wed", "thu", "fri"], start, end }] });
const row = (e: ReturnType<typeof estimateLoad>, team: string | null) => e.perTeam.find((t) => t.team === team)!;

describe("load estimate without caps", () => {
  it("puts each wave's PRs on its own open day, per team", () => {
    const targets = [...many(1, "web", 0), ...many(3, "web", 1), ...many(1, "data", 2), ...many(1, null, 2)];
    const e = estimateLoad(targets, 3, { schedule: weekdays(), awaitingReview: true });
    expect(e).toMatchObject({ openDaysPerWeek: 5, openHoursPerDay: 8, rolloutDays: 5, turnaroundDays: 1 });
    expect(e.perTeam).toEqual([
      { team: "web", targets: 4, byWave: [1, 3, 0], peakPerDay: 3, averagePerDay: 0.8, boundBy: null },
      { team: "data", targets: 1, byWave: [0, 0, 1], peakPerDay: 1, averagePerDay: 0.2, boundBy: null },
      { team: null, targets: 1, byWave: [0, 0, 1], peakPerDay: 1, averagePerDay: 0.2, boundBy: null },
    ]);
    expect(e.assumption).toMatch(/^No PR-storm cap applies/);
  });

  it("spreads a wave over more open days when the soak time is longer than one", () => {
    const e = estimateLoad([...many(1, "web", 0), ...many(1, "web", 1)], 2, { soakMinutes: 36 * 60, awaitingReview: false });
    expect(e.rolloutDays).toBe(4);
    expect(e.assumption).toContain("2 open days (the soak time)");
  });

  it("counts a week's open time, overnight windows included", () => {
    expect(openWeek({ timezone: "UTC", windows: [{ days: ["sat"], start: "22:00", end: "02:00" }, { days: ["sun"], start: "00:00", end: "24:00" }] })).toEqual({ daysPerWeek: 2, minutesPerDay: 840 });
    expect(openWeek(undefined)).toEqual({ daysPerWeek: 7, minutesPerDay: 1440 });
  });
});

describe("load estimate under the caps", () => {
  it("holds a team to its review queue, spills the rest into later days, and the next wave waits for it", () => {
    const c = caps({ awaitingReviewPerTeam: 3 });
    const e = estimateLoad([...many(7, "web", 0, c), ...many(1, "web", 1, c)], 2, { awaitingReview: true });
    // 3, 3, 1 on the canary's days, the next wave a day later: 4 open days, every day open.
    expect(row(e, "web")).toMatchObject({ peakPerDay: 3, boundBy: { kind: "team_review", cap: 3, label: "awaiting review per team (3)" } });
    expect(e.rolloutDays).toBe(4);
    expect(e.assumption).toContain("awaiting review per team 3");
    expect(e.assumption).toContain("stay open about one open day");
  });

  it("leaves drafts out of the review queue, where the open-PR cap still binds; a target with no team meets no team cap", () => {
    const c = caps({ awaitingReviewPerTeam: 2 }, { openPerTeam: 4 });
    const e = estimateLoad([...many(9, "web", 0, c), ...many(9, null, 0, c)], 1, { awaitingReview: false });
    expect(row(e, "web")).toMatchObject({ peakPerDay: 4, boundBy: { kind: "team_open", cap: 4, label: "open PRs per team (4)" } });
    expect(row(e, null)).toMatchObject({ peakPerDay: 9, boundBy: null });
    expect(e.rolloutDays).toBe(3);
    expect(e.assumption).not.toContain("awaiting review");
  });

  it("takes a team's lowest cap over its repositories", () => {
    const e = estimateLoad([...many(5, "web", 0, caps({ openPerTeam: 5 })), ...many(1, "web", 0, caps({ openPerTeam: 2 })), ...many(1, "data", 0, caps({ openPerTeam: 5 }))], 1, { awaitingReview: false });
    expect(row(e, "web").boundBy?.label).toBe("open PRs per team (2)");
    expect(e.assumption).toContain("open PRs per team 2 to 5 (by team)");
  });

  it("shares a wave's cap between its teams in proportion to their work", () => {
    const c = caps({}, { perWave: 10 }, 4);
    const e = estimateLoad([...many(5, "web", 0, c), ...many(3, "data", 0, c)], 1, { awaitingReview: true });
    expect(e.perTeam.map((t) => [t.team, t.peakPerDay, t.boundBy?.label])).toEqual([["web", 3, "open PRs per wave (4)"], ["data", 2, "open PRs per wave (4)"]]);
    expect(e.rolloutDays).toBe(2);
  });

  it("paces by the tightest hourly budget over the open hours, with the burst, shared in proportion", () => {
    const c = caps({ prsPerHour: { rate: 2, burst: 5 } });
    // Open all day: 5 + 48 on the first day (split 32 and 21), then 48 a day.
    const e = estimateLoad([...many(60, "web", 0, c), ...many(40, "data", 0, c)], 1, { awaitingReview: true });
    expect(e.perTeam.map((t) => [t.team, t.peakPerDay, t.boundBy?.label])).toEqual([
      ["web", 32, "the tenant's hourly budget (2 PRs an hour, burst 5)"], ["data", 21, "the tenant's hourly budget (2 PRs an hour, burst 5)"],
    ]);
    expect(e.rolloutDays).toBe(2);
    const tighter = estimateLoad(many(60, "web", 0, caps({ prsPerHour: { rate: 10, burst: 10 } }, { prsPerHour: { rate: 1, burst: 2 } })), 1, { awaitingReview: true });
    expect(row(tighter, "web").boundBy?.label).toBe("the campaign's hourly budget (1 PR an hour, burst 2)");
  });

  it("counts the budget over the schedule's open hours, the burst refilled each night", () => {
    const c = caps({ prsPerHour: { rate: 1, burst: 1 } });
    // 1 + 8 a weekday: 9, 9, 2 over three open days, five calendar days.
    const office = estimateLoad(many(20, "web", 0, c), 1, { schedule: weekdays(), awaitingReview: true });
    expect(office).toMatchObject({ rolloutDays: 5, perTeam: [{ peakPerDay: 9 }] });
    const mornings = estimateLoad(many(20, "web", 0, c), 1, { schedule: weekdays("09:00", "13:00"), awaitingReview: true });
    expect(mornings).toMatchObject({ rolloutDays: 6, perTeam: [{ peakPerDay: 5 }] });
    expect(office.assumption).toContain("5 open days a week and 8 open hours a day");
  });

  it("lets a security fix skip the hourly budgets, never the team caps", () => {
    const budget = { prsPerHour: { rate: 1, burst: 1 }, openPerTeam: 6 };
    const mornings = weekdays("09:00", "13:00");
    // 1 + 4 a morning: the budget binds before the team's 6.
    const paced = estimateLoad(many(12, "web", 0, caps(budget, { prsPerHour: { rate: 1, burst: 1 } })), 1, { schedule: mornings, awaitingReview: true });
    expect(row(paced, "web")).toMatchObject({ peakPerDay: 5, boundBy: { kind: "tenant_budget" } });
    const fix = estimateLoad(many(12, "web", 0, caps(budget, { prsPerHour: { rate: 1, burst: 1 }, securityFix: true })), 1, { schedule: mornings, awaitingReview: true, securityFix: true });
    expect(row(fix, "web")).toMatchObject({ peakPerDay: 6, boundBy: { kind: "team_open" } });
    expect(fix.assumption).toContain("no hourly budget (a security fix skips it)");
    expect(fix.assumption).not.toContain("the tenant's hourly budget");
  });

  it("keeps a PR against the live caps for the whole turnaround", () => {
    const e = estimateLoad(many(10, "web", 0, caps({ openPerTeam: 4 })), 1, { awaitingReview: false, turnaroundDays: 2 });
    // 4, none while they are open, 4, none, 2.
    expect(e.rolloutDays).toBe(5);
    expect(e.assumption).toContain("stay open about 2 open days before it merges or closes, so a cap of N live PRs allows about N new PRs per 2 open days");
  });

  it("says a per-repository cap never binds one PR per repository", () => {
    const e = estimateLoad(many(3, "web", 0, caps({ perRepository: 1 })), 1, { awaitingReview: true });
    expect(row(e, "web")).toMatchObject({ peakPerDay: 3, boundBy: null });
    expect(e.assumption).toContain("open PRs per repository 1, which the campaign's one PR per repository does not reach on its own");
  });
});
