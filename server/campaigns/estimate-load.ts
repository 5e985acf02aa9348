// Expected pull requests per owning team per day, from the waves and the schedule. Caps are not
// enforced yet, so the estimate assumes none: every eligible target opens one PR on the day its wave
// starts, a wave starts on an open day of the schedule once the wave before it has soaked (the
// gates' soakMinutes, counted in open time; at least one open day per wave).
import { openWeek, type Schedule } from "./schedule-window";

export type TeamLoad = { team: string | null; targets: number; byWave: number[]; peakPerDay: number; averagePerDay: number };
export type LoadEstimate = {
  assumption: string;
  openDaysPerWeek: number;
  openHoursPerDay: number;
  /** Calendar days from the canary's start to the last wave's. */
  rolloutDays: number;
  perTeam: TeamLoad[];
};

const nullsLast = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a.localeCompare(b));
const round1 = (n: number) => Math.round(n * 10) / 10;

export function estimateLoad(targets: readonly { team: string | null; waveIndex: number }[], waveCount: number, schedule: Schedule | undefined, soakMinutes = 0): LoadEstimate {
  const week = openWeek(schedule);
  const openDaysPerWave = Math.max(1, Math.ceil(soakMinutes / Math.max(week.minutesPerDay, 1)));
  const rolloutDays = waveCount === 0 ? 0 : Math.ceil((waveCount * openDaysPerWave * 7) / Math.max(week.daysPerWeek, 1));
  const byTeam = new Map<string | null, number[]>();
  for (const t of targets) {
    let waves = byTeam.get(t.team);
    if (!waves) byTeam.set(t.team, (waves = Array.from({ length: waveCount }, () => 0)));
    waves[t.waveIndex] = (waves[t.waveIndex] ?? 0) + 1;
  }
  const perTeam = [...byTeam.entries()].map(([team, byWave]) => {
    const total = byWave.reduce((a, b) => a + b, 0);
    return { team, targets: total, byWave, peakPerDay: Math.max(0, ...byWave), averagePerDay: rolloutDays ? round1(total / rolloutDays) : total };
  }).sort((a, b) => b.peakPerDay - a.peakPerDay || nullsLast(a.team, b.team));
  return {
    assumption: `No caps yet (PR-storm caps are not enforced): each eligible target opens one PR on the day its wave starts; one wave starts per ${openDaysPerWave === 1 ? "open day" : `${openDaysPerWave} open days (the soak time)`}, on the ${week.daysPerWeek} open day${week.daysPerWeek === 1 ? "" : "s"} a week the schedule allows.`,
    openDaysPerWeek: week.daysPerWeek, openHoursPerDay: round1(week.minutesPerDay / 60), rolloutDays, perTeam,
  };
}
