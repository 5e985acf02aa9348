// The rollout day by day under the PR-storm caps, in open days of the schedule: the load estimate's
// arithmetic (estimate-load.ts says what it assumes). Waves run one after another, as the real
// ones do: the next starts once every target of the one before has its PR and the soak has passed.
// Each open day every team with work left gets what its live-PR caps leave (a PR counts against them
// for `turnaroundDays` open days, then merges or closes), and the day's shared room (the wave's cap,
// the hourly budgets' tokens) goes to the teams in proportion to their work left. Pure.
import type { Budget } from "../github/caps/token-bucket";

/** What stopped a team from opening all its waiting work on a day. */
export type Bound = "team_open" | "team_review" | "wave" | "tenant" | "campaign";

export type RolloutInput = {
  /** Per team: targets per wave, and its live-PR caps (null: none applies). */
  teams: { byWave: number[]; open: number | null; review: number | null }[];
  /** Per wave: its live-PR cap. */
  perWave: (number | null)[];
  budgets: { scope: "tenant" | "campaign"; budget: Budget }[];
  openHoursPerDay: number;
  /** Hours a bucket refills between two open days (nights and closed days, on average). */
  closedHoursPerOpenDay: number;
  openDaysPerWave: number;
  turnaroundDays: number;
};

export type Rollout = {
  /** Open days from the canary's start to the last wave's end (its soak, at least one open day). */
  openDays: number;
  perTeam: { perDay: number[]; bound: Map<Bound, number> }[];
};

const EPS = 1e-9;
/** Unreachable with caps of at least 1 and an open schedule; keeps a bad input from looping. */
const MAX_OPEN_DAYS = 36_500;

export function simulateRollout(inp: RolloutInput): Rollout {
  const T = Math.max(1, inp.turnaroundDays);
  const perTeam = inp.teams.map(() => ({ perDay: [] as number[], bound: new Map<Bound, number>() }));
  const tokens = inp.budgets.map((b) => b.budget.burst);
  const waveCount = inp.perWave.length;
  const recent = (perDay: number[], day: number) => {
    let n = 0;
    for (let d = Math.max(0, day - T + 1); d < day; d++) n += perDay[d] ?? 0;
    return n;
  };
  // A day's end: the budgets keep what was left, then refill over the closed hours until the next.
  const endDay = (used: number) => inp.budgets.forEach((b, i) => {
    const { rate, burst } = b.budget;
    const left = Math.min(burst, tokens[i]! + rate * inp.openHoursPerDay - used);
    tokens[i] = Math.min(burst, left + rate * inp.closedHoursPerOpenDay);
  });

  let day = 0;
  let end = 0;
  for (let w = 0; w < waveCount; w++) {
    const left = inp.teams.map((t) => t.byWave[w] ?? 0);
    const waveDays: number[] = [];
    let last = day;
    while (left.some((n) => n > 0) && day < MAX_OPEN_DAYS) {
      const used = openDay(inp, w, day, left, perTeam, tokens, recent(waveDays, day), (perDay) => recent(perDay, day));
      waveDays[day] = used;
      last = day;
      endDay(used);
      day++;
    }
    end = last + inp.openDaysPerWave;
    // The soak's idle open days refill the budgets too.
    for (; day < end; day++) endDay(0);
  }
  return { openDays: waveCount ? end : 0, perTeam };
}

function openDay(inp: RolloutInput, w: number, day: number, left: number[], out: Rollout["perTeam"], tokens: number[], waveLive: number, live: (perDay: number[]) => number): number {
  const teamRoom = inp.teams.map((t, i) => {
    const n = live(out[i]!.perDay);
    return Math.max(0, Math.min(t.open ?? Infinity, t.review ?? Infinity) - n);
  });
  const byBudget = inp.budgets.map((b, i) => Math.floor(tokens[i]! + b.budget.rate * inp.openHoursPerDay + EPS));
  const waveCap = inp.perWave[w];
  const waveRoom = waveCap == null ? Infinity : Math.max(0, waveCap - waveLive);
  let shared = Math.min(waveRoom, ...byBudget);
  const start = left.slice();
  const given = left.map(() => 0);
  // One PR at a time to the team with the most waiting work per PR it would have (D'Hondt), so the
  // shared room is split in proportion to the work waiting, in whole PRs, and a team that waits
  // most goes first when there is less room than teams.
  while (shared > 0) {
    let pick = -1;
    for (let i = 0; i < left.length; i++) {
      if (given[i]! >= Math.min(start[i]!, teamRoom[i]!)) continue;
      if (pick < 0 || start[i]! * (given[pick]! + 1) > start[pick]! * (given[i]! + 1)) pick = i;
    }
    if (pick < 0) break;
    given[pick]!++;
    shared--;
  }
  const total = given.reduce((a, b) => a + b, 0);
  const tightestBudget = inp.budgets.reduce<{ scope: Bound; n: number } | null>((m, b, i) => (m && m.n <= byBudget[i]! ? m : { scope: b.scope, n: byBudget[i]! }), null);
  given.forEach((g, i) => {
    out[i]!.perDay[day] = g;
    left[i] = start[i]! - g;
    if (left[i] === 0) return;
    const t = inp.teams[i]!;
    const why: Bound = g >= teamRoom[i]! ? ((t.review ?? Infinity) < (t.open ?? Infinity) ? "team_review" : "team_open")
      : total >= waveRoom ? "wave" : (tightestBudget?.scope ?? "tenant");
    out[i]!.bound.set(why, (out[i]!.bound.get(why) ?? 0) + 1);
  });
  return total;
}
