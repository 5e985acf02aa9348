// The demo's cost history has the shape the cost page's story needs, on whatever day it is seeded:
// the same runs for the same day, busy weekdays and quiet weekends, more runs week after week, the
// data team's last days on a model without a price, nothing after the seed, and a run today.
import { describe, expect, it } from "vitest";
import { roundLimit } from "./demo-budgets";
import { DEMO_COST_STORIES, HISTORY_DAYS, planHistory, runawayTurns, UNPRICED_MODEL, type CostPlace } from "./demo-cost-plan";

const places: CostPlace[] = ["payments", "platform", "web", "data", "identity"].flatMap((team) =>
  [1, 2, 3].map((n) => ({ repositoryId: `${team}-${n}`, owner: "acme", name: `${team}-svc-${n}`, teamId: `team-${team}`, team })));
const acme = DEMO_COST_STORIES.acme!;
const NOW = new Date("2026-12-08T15:20:00Z"); // a Tuesday afternoon
const dayOf = (d: Date) => d.toISOString().slice(0, 10);

describe("the demo's cost history", () => {
  it("is the same for the same moment, and ends before it", () => {
    const a = planHistory(acme, places, NOW);
    expect(planHistory(acme, places, NOW)).toEqual(a);
    expect(a.length).toBeGreaterThan(150);
    for (const r of a) {
      expect(r.finishedAt.getTime()).toBeLessThan(NOW.getTime());
      const times = [r.queuedAt, r.startedAt, ...r.calls.map((c) => c.at), r.finishedAt].map((d) => d.getTime());
      expect(times).toEqual([...times].sort((x, y) => x - y));
      for (const c of r.commands) expect(c.at.getTime()).toBeLessThanOrEqual(r.finishedAt.getTime());
      for (const c of r.calls) expect(c.cachedTokens).toBeLessThanOrEqual(c.inputTokens);
    }
    expect(new Set(a.map((r) => dayOf(r.queuedAt))).size).toBe(HISTORY_DAYS);
  });

  it("has busy weekdays, quiet weekends and more runs every week", () => {
    const runs = planHistory(acme, places, NOW);
    const perDay = new Map<string, number>();
    for (const r of runs) perDay.set(dayOf(r.queuedAt), (perDay.get(dayOf(r.queuedAt)) ?? 0) + 1);
    const days = [...perDay].filter(([d]) => d !== dayOf(NOW));
    const weekend = days.filter(([d]) => [0, 6].includes(new Date(d).getUTCDay())).map(([, n]) => n);
    const weekday = days.filter(([d]) => ![0, 6].includes(new Date(d).getUTCDay())).map(([, n]) => n);
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean(weekday)).toBeGreaterThan(3 * mean(weekend));
    expect(mean(weekday.slice(-5))).toBeGreaterThan(1.4 * mean(weekday.slice(0, 5)));
  });

  it("spreads over the teams, task classes and models, the data team's last ten days on a model without a price", () => {
    const runs = planHistory(acme, places, NOW);
    expect(new Set(runs.map((r) => r.place.team))).toEqual(new Set(["payments", "platform", "web", "data", "identity"]));
    expect(new Set(runs.map((r) => r.taskClass)).size).toBe(4);
    expect(new Set(runs.map((r) => r.model))).toEqual(new Set(["gpt-4o", "gpt-4o-mini", UNPRICED_MODEL]));
    const tenDaysAgo = Date.UTC(2026, 11, 8) - 9 * 86_400_000;
    for (const r of runs.filter((x) => x.place.team === "data")) expect(r.model, dayOf(r.queuedAt)).toBe(r.queuedAt.getTime() >= tenDaysAgo ? UNPRICED_MODEL : "gpt-4o");
    expect(runs.filter((r) => r.failure).length).toBeGreaterThan(0);
  });

  it("has a run today, even seeded minutes after midnight on the first of a month", () => {
    for (const now of [new Date("2027-01-01T00:00:30Z"), new Date("2027-01-01T06:59:00Z"), new Date("2027-01-01T07:05:00Z")]) {
      const runs = planHistory(acme, places, now);
      const today = runs.filter((r) => dayOf(r.queuedAt) === dayOf(now));
      expect(today.length, now.toISOString()).toBeGreaterThan(0);
      for (const r of today) expect(r.finishedAt.getTime()).toBeLessThan(now.getTime());
    }
  });

  it("has none for a tenant without the story's teams", () => {
    expect(planHistory(acme, places.map((p) => ({ ...p, team: "other" })), NOW)).toEqual([]);
  });

  it("runs away: each turn's context grows, then stays at what the agent keeps", () => {
    const turns = [...take(runawayTurns(1, NOW), 30)];
    expect(turns[1]!.call.inputTokens).toBeGreaterThan(turns[0]!.call.inputTokens);
    expect(Math.max(...turns.map((t) => t.call.inputTokens))).toBeLessThanOrEqual(130_000);
    expect(turns.every((t, i) => i === 0 || t.call.at > turns[i - 1]!.command!.at)).toBe(true);
  });
});

describe("roundLimit", () => {
  it("keeps two significant figures, up or to the nearest", () => {
    expect(roundLimit(38_765_432n, false)).toBe(39_000_000n);
    expect(roundLimit(38_465_432n, false)).toBe(38_000_000n);
    expect(roundLimit(38_000_001n, true)).toBe(39_000_000n);
    expect(roundLimit(38_000_000n, true)).toBe(38_000_000n);
    expect(roundLimit(42n, true)).toBe(42n);
    expect(roundLimit(0n, true)).toBe(1n);
  });
});

function* take<T>(xs: Iterable<T>, n: number): Generator<T> {
  for (const x of xs) {
    if (n-- <= 0) return;
    yield x;
  }
}
