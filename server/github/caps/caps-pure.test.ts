import { describe, expect, it } from "vitest";
import { isOpenAt, localLabel, nextOpening } from "../../campaigns/schedule-clock";
import { capSet, type CampaignPacing } from "./cap-set";
import { holdSentence } from "./hold-kinds";
import { hasToken, nextTokenAt, refill, takeToken } from "./token-bucket";

const gov = (caps: Partial<{ prsPerHour: { rate: number; burst: number } | null; openPerTeam: number | null; awaitingReviewPerTeam: number | null; perRepository: number | null }>, maxPrsPerWave: number | null = null) => ({
  publishing: { riskThreshold: 7, autonomousClasses: [], requireUpToDateBase: false, followUp: { enabled: false, maxPerChangeset: 0 }, postMergeSoakMinutes: 60, autoRevert: false, caps: { prsPerHour: null, openPerTeam: null, awaitingReviewPerTeam: null, perRepository: null, ...caps } },
  limits: { maxFilesChanged: null, maxLinesChanged: null, maxPrsPerWave },
});
const campaign = (o: Partial<CampaignPacing> = {}): CampaignPacing => ({
  id: "c1", name: "bump", prsPerHour: null, openPerTeam: null, awaitingReviewPerTeam: null, perRepository: null, perWave: null, securityFix: false, schedule: null, ...o,
});

describe("token bucket", () => {
  const budget = { rate: 60, burst: 3 };
  it("refills at its rate up to its burst, and says when the next whole token is due", () => {
    let b = { tokens: 3, at: 0 };
    for (let i = 0; i < 3; i++) b = takeToken(refill(b, budget, 0));
    expect(hasToken(b)).toBe(false);
    expect(nextTokenAt(b, budget)).toBe(60_000);
    expect(hasToken(refill(b, budget, 59_999))).toBe(false);
    expect(hasToken(refill(b, budget, 60_000))).toBe(true);
    expect(refill(b, budget, 10 * 3_600_000).tokens).toBe(3);
  });
});

describe("capSet", () => {
  it("takes the lowest of policy and campaign; a security fix skips only the hourly budgets", () => {
    const g = gov({ prsPerHour: { rate: 60, burst: 20 }, openPerTeam: 20, awaitingReviewPerTeam: 10, perRepository: 3 }, 50);
    expect(capSet(g, campaign({ openPerTeam: 5, perRepository: 9, perWave: 80, prsPerHour: { rate: 10, burst: 2 } }))).toMatchObject({
      tenantBudget: { rate: 60, burst: 20 }, campaignBudget: { rate: 10, burst: 2 }, openPerTeam: 5, awaitingReviewPerTeam: 10, perRepository: 3, perWave: 50,
    });
    expect(capSet(g, campaign({ openPerTeam: 5, prsPerHour: { rate: 10, burst: 2 }, securityFix: true }))).toMatchObject({ tenantBudget: null, campaignBudget: null, openPerTeam: 5, awaitingReviewPerTeam: 10, perRepository: 3 });
    expect(capSet(g, null).perWave).toBeNull();
  });
});

describe("hold sentences", () => {
  it("say which cap holds the changeset, with its count", () => {
    expect(holdSentence({ kind: "team_review", team: "payments", count: 10, cap: 10 })).toBe("held: team payments has 10 agent PRs awaiting review (cap 10)");
    expect(holdSentence({ kind: "team_open", team: "web", count: 1, cap: 1 })).toBe("held: team web has 1 agent PR open (cap 1)");
    expect(holdSentence({ kind: "repository", repository: "acme/api", count: 3, cap: 3 })).toBe("held: acme/api has 3 agent PRs open (cap 3)");
    expect(holdSentence({ kind: "wave", campaign: "bump", wave: 0, count: 2, cap: 2 })).toBe("held: the canary wave of campaign bump has 2 agent PRs open (cap 2)");
    expect(holdSentence({ kind: "tenant_budget", campaign: null, rate: 60, burst: 20, nextAt: new Date("2026-12-14T09:00:30Z") })).toBe("held: the tenant's budget of 60 agent PRs per hour (burst 20) is spent; the next may open at 2026-12-14 09:00:30 UTC");
    expect(holdSentence({ kind: "schedule", campaign: "bump", timezone: "Europe/Berlin", nextAt: new Date(), nextLocal: "2026-12-14 09:00 Europe/Berlin" })).toBe("held: campaign bump publishes only inside its schedule windows (Europe/Berlin); the next opens at 2026-12-14 09:00 Europe/Berlin");
  });
});

describe("schedule clock", () => {
  const office = { timezone: "Europe/Berlin", windows: [{ days: ["mon", "tue", "wed", "thu", "fri"], start: "09:00", end: "17:00" }] };
  it("is open inside a window in its time zone and finds the next opening", () => {
    // Monday 2026-12-14, 07:30 UTC is 08:30 in Berlin (CET, UTC+1).
    expect(isOpenAt(office, new Date("2026-12-14T07:30:00Z"))).toBe(false);
    expect(nextOpening(office, new Date("2026-12-14T07:30:00Z"))).toEqual(new Date("2026-12-14T08:00:00Z"));
    expect(isOpenAt(office, new Date("2026-12-14T08:00:00Z"))).toBe(true);
    // Friday evening: the next is Monday morning.
    expect(nextOpening(office, new Date("2026-12-18T17:00:00Z"))).toEqual(new Date("2026-12-21T08:00:00Z"));
    expect(localLabel(new Date("2026-12-21T08:00:00Z"), "Europe/Berlin")).toBe("2026-12-21 09:00 Europe/Berlin");
  });
  it("runs a window past midnight into the next morning, for the day it starts", () => {
    const night = { timezone: "UTC", windows: [{ days: ["sat"], start: "22:00", end: "02:00" }] };
    expect(isOpenAt(night, new Date("2026-12-19T23:00:00Z"))).toBe(true);
    expect(isOpenAt(night, new Date("2026-12-20T01:59:00Z"))).toBe(true);
    expect(isOpenAt(night, new Date("2026-12-20T02:00:00Z"))).toBe(false);
    expect(isOpenAt(night, new Date("2026-12-19T01:00:00Z"))).toBe(false);
    expect(nextOpening(night, new Date("2026-12-20T03:00:00Z"))).toEqual(new Date("2026-12-26T22:00:00Z"));
  });
});
