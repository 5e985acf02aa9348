// Expected pull requests per owning team per day, from the waves, the schedule and the PR-storm caps
// each target publishes under (its CapSet, resolved as the publisher resolves it: campaign-caps.ts).
// Every eligible target opens one PR once its wave starts, as fast as the caps let it: the hourly
// budgets over the schedule's open hours, and the live-PR caps under an assumed review turnaround
// (a PR stays open about one open day). What does not fit waits for the next open day, and the next
// wave waits for it (estimate-days.ts). Each team says which cap bound it most often. Pure.
import type { CapSet } from "../github/caps/cap-set";
import type { Budget } from "../github/caps/token-bucket";
import { simulateRollout, type Bound } from "./estimate-days";
import { openWeek, type Schedule } from "./schedule-window";

/** The cap a team met most often, with the words the console shows after "bound by". */
export type Binding = { kind: "tenant_budget" | "team_open" | "team_review" | "wave"; cap: number; label: string };
export type TeamLoad = { team: string | null; targets: number; byWave: number[]; peakPerDay: number; averagePerDay: number; boundBy: Binding | null };
export type LoadEstimate = {
  assumption: string;
  openDaysPerWeek: number;
  openHoursPerDay: number;
  /** Open days a PR is assumed to stay open before it merges or closes. */
  turnaroundDays: number;
  /** Calendar days from the canary's start to the last wave's end (its soak included). */
  rolloutDays: number;
  perTeam: TeamLoad[];
};
export type EstimateOptions = {
  schedule?: Schedule;
  soakMinutes?: number;
  /** Not drafts: a team's PRs wait in its review queue (awaitingReviewPerTeam applies). */
  awaitingReview: boolean;
  securityFix?: boolean;
  turnaroundDays?: number;
};

/** A PR stays open about one open day before it merges or closes: the review turnaround assumed. */
export const REVIEW_TURNAROUND_DAYS = 1;

const nullsLast = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a.localeCompare(b));
const round1 = (n: number) => Math.round(n * 10) / 10;
const lowest = (xs: (number | null)[]) => xs.reduce<number | null>((m, x) => (x === null ? m : m === null ? x : Math.min(m, x)), null);
const lowestBudget = (bs: (Budget | null)[]): Budget | null => {
  const set = bs.filter((b): b is Budget => b !== null);
  return set.length ? { rate: Math.min(...set.map((b) => b.rate)), burst: Math.min(...set.map((b) => b.burst)) } : null;
};
const span = (xs: number[], by = "team") => (Math.min(...xs) === Math.max(...xs) ? `${xs[0]}` : `${Math.min(...xs)} to ${Math.max(...xs)} (by ${by})`);
const hourly = (b: Budget) => `${b.rate} PR${b.rate === 1 ? "" : "s"} an hour, burst ${b.burst}`;
const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

export function estimateLoad(targets: readonly { team: string | null; waveIndex: number; caps: CapSet }[], waveCount: number, o: EstimateOptions): LoadEstimate {
  const week = openWeek(o.schedule);
  const hours = week.minutesPerDay / 60;
  const turnaroundDays = o.turnaroundDays ?? REVIEW_TURNAROUND_DAYS;
  const openDaysPerWave = Math.max(1, Math.ceil((o.soakMinutes ?? 0) / Math.max(week.minutesPerDay, 1)));

  const teams = new Map<string | null, { byWave: number[]; caps: CapSet[] }>();
  const waveCaps: (number | null)[][] = Array.from({ length: waveCount }, () => []);
  for (const t of targets) {
    let row = teams.get(t.team);
    if (!row) teams.set(t.team, (row = { byWave: Array.from({ length: waveCount }, () => 0), caps: [] }));
    row.byWave[t.waveIndex] = (row.byWave[t.waveIndex] ?? 0) + 1;
    row.caps.push(t.caps);
    waveCaps[t.waveIndex]?.push(t.caps.perWave);
  }
  const all = targets.map((t) => t.caps);
  // A team's cap is the lowest over its targets (a policy may narrow it for some repositories); a
  // target without an owning team meets no team cap, as in the publisher.
  const rows = [...teams.entries()].map(([team, r]) => ({
    team, byWave: r.byWave,
    open: team === null ? null : lowest(r.caps.map((c) => c.openPerTeam)),
    review: team === null || !o.awaitingReview ? null : lowest(r.caps.map((c) => c.awaitingReviewPerTeam)),
  }));
  const perWave = waveCaps.map(lowest);
  const budgets = ([["tenant", lowestBudget(all.map((c) => c.tenantBudget))], ["campaign", lowestBudget(all.map((c) => c.campaignBudget))]] as const)
    .flatMap(([scope, budget]) => (budget ? [{ scope, budget }] : []));

  const sim = simulateRollout({
    teams: rows, perWave, budgets, openHoursPerDay: hours, openDaysPerWave, turnaroundDays,
    closedHoursPerOpenDay: week.daysPerWeek ? (7 * 24) / week.daysPerWeek - hours : 0,
  });
  const rolloutDays = Math.ceil((sim.openDays * 7) / Math.max(week.daysPerWeek, 1));
  const bindingOf = (kind: Bound, row: (typeof rows)[number]): Binding => {
    switch (kind) {
      case "team_open": return { kind, cap: row.open!, label: `open PRs per team (${row.open})` };
      case "team_review": return { kind, cap: row.review!, label: `awaiting review per team (${row.review})` };
      case "wave": return { kind, cap: lowest(perWave)!, label: `open PRs per wave (${span(perWave.filter((x): x is number => x !== null), "wave")})` };
      case "tenant":
      case "campaign": {
        const b = budgets.find((x) => x.scope === kind)!.budget;
        return { kind: "tenant_budget", cap: b.rate, label: `${kind === "tenant" ? "the tenant's" : "the campaign's"} hourly budget (${hourly(b)})` };
      }
    }
  };
  const perTeam = rows.map((row, i): TeamLoad => {
    const s = sim.perTeam[i]!;
    const total = row.byWave.reduce((a, b) => a + b, 0);
    const top = [...s.bound.entries()].reduce<[Bound, number] | null>((m, e) => (m && m[1] >= e[1] ? m : e), null);
    return {
      team: row.team, targets: total, byWave: row.byWave, peakPerDay: Math.max(0, ...Array.from(s.perDay, (n) => n ?? 0)),
      averagePerDay: rolloutDays ? round1(total / rolloutDays) : total, boundBy: top ? bindingOf(top[0], row) : null,
    };
  }).sort((a, b) => b.peakPerDay - a.peakPerDay || nullsLast(a.team, b.team));

  return {
    assumption: assumption({ ...o, rows, perWave, budgets, all, openDaysPerWave, turnaroundDays, week }),
    openDaysPerWeek: week.daysPerWeek, openHoursPerDay: round1(hours), turnaroundDays, rolloutDays, perTeam,
  };
}

type Said = EstimateOptions & {
  rows: { open: number | null; review: number | null }[]; perWave: (number | null)[]; budgets: { scope: string; budget: Budget }[];
  all: CapSet[]; openDaysPerWave: number; turnaroundDays: number; week: { daysPerWeek: number; minutesPerDay: number };
};

function assumption(s: Said): string {
  const nums = (xs: (number | null)[]) => xs.filter((x): x is number => x !== null);
  const caps: string[] = s.budgets.map((b) => `${b.scope === "tenant" ? "the tenant's" : "the campaign's"} hourly budget (${hourly(b.budget)})`);
  if (s.securityFix) caps.push("no hourly budget (a security fix skips it)");
  const open = nums(s.rows.map((r) => r.open));
  if (open.length) caps.push(`open PRs per team ${span(open)}`);
  const review = nums(s.rows.map((r) => r.review));
  if (review.length) caps.push(`awaiting review per team ${span(review)}`);
  const wave = nums(s.perWave);
  if (wave.length) caps.push(`open PRs per wave ${span(wave, "wave")}`);
  const repo = nums(s.all.map((c) => c.perRepository));
  if (repo.length) caps.push(`open PRs per repository ${span(repo, "repository")}, which the campaign's one PR per repository does not reach on its own`);
  const turnaround = s.turnaroundDays === 1 ? "about one open day" : `about ${s.turnaroundDays} open days`;
  const waves = `one wave starts once the wave before it has all its PRs and ${s.openDaysPerWave === 1 ? "one open day has passed" : `${s.openDaysPerWave} open days (the soak time) have passed`}`;
  const week = `the ${plural(s.week.daysPerWeek, "open day")} a week and ${plural(round1(s.week.minutesPerDay / 60), "open hour")} a day the schedule allows`;
  if (!caps.length) return `No PR-storm cap applies: each eligible target opens one PR on the day its wave starts; ${waves}, on ${week}.`;
  const per = s.turnaroundDays === 1 ? "open day" : `${s.turnaroundDays} open days`;
  return `Caps used: ${caps.join("; ")}. Each eligible target opens one PR once its wave starts, as soon as the caps allow; what does not fit waits for the next open day. `
    + `A PR is assumed to stay open ${turnaround} before it merges or closes, so a cap of N live PRs allows about N new PRs per ${per}. `
    + `The hourly budgets count over ${week} (with the burst whenever the bucket has refilled) and are shared by the teams in proportion to their waiting work; ${waves}.`;
}
