// Four weeks of the demo tenants' model-agent runs, so the cost page has a history on first open:
// drawn from a seeded generator (the same shape on every machine, laid on the calendar before the
// seed), busy weekdays and quiet weekends, more runs every week, each team on its model (acme's
// data team trying a self-hosted model that has no price of its own for its last ten days). Each
// run is an analysis (a report, no patch): its model calls with their tokens, and the sandbox
// commands its tools ran, with when each ended. Pure: the seed prices and writes them
// (seed-demo-cost.ts).
import type { TASK_CLASSES } from "../../../server/runs/task-input";
import { random } from "../decision-traffic";

export type TaskClass = (typeof TASK_CLASSES)[number];
export const HISTORY_DAYS = 28;
/** The self-hosted model acme's data team tries: no price of its own, so the "*" default prices it. */
export const UNPRICED_MODEL = "llama-3.3-70b-instruct";

export type CostPlace = { repositoryId: string; owner: string; name: string; teamId: string | null; team: string | null };

export type TenantStory = {
  tenant: string;
  seed: number;
  /** Runs on a weekday at the start of the history and by its end; on a weekend day. */
  weekday: [number, number];
  weekend: number;
  /** Each team's share of the runs. */
  teams: Record<string, number>;
  /** The model a team's runs used, `daysAgo` days before the seed. */
  model(team: string, daysAgo: number): string;
  /** Who asks for the runs (a member's e-mail). */
  requesters: string[];
};

export type PlannedCall = { at: Date; inputTokens: number; outputTokens: number; cachedTokens: number; latencyMs: number };
export type PlannedCommand = { at: Date; quantityMs: number };
export type PlannedRun = {
  /** Stable within the tenant: the task's and run's ids are derived from it. */
  key: string;
  place: CostPlace;
  taskClass: TaskClass;
  instruction: string;
  summary: string;
  requester: string;
  model: string;
  queuedAt: Date;
  startedAt: Date;
  finishedAt: Date;
  /** Null: the run succeeded with its report. */
  failure: string | null;
  calls: PlannedCall[];
  commands: PlannedCommand[];
};

export const DEMO_COST_STORIES: Record<string, TenantStory> = {
  acme: {
    tenant: "acme",
    seed: 16_016,
    weekday: [8, 16],
    weekend: 2,
    teams: { payments: 0.28, platform: 0.26, web: 0.2, data: 0.16, identity: 0.1 },
    model: (team, daysAgo) => (team === "data" && daysAgo < 10 ? UNPRICED_MODEL : ["web", "identity"].includes(team) ? "gpt-4o-mini" : "gpt-4o"),
    requesters: ["operator@acme.test", "operator@acme.test", "campaign-owner@acme.test", "tenant-admin@acme.test"],
  },
  globex: {
    tenant: "globex",
    seed: 16_017,
    weekday: [3, 6],
    weekend: 1,
    teams: { core: 0.6, data: 0.4 },
    model: (team) => (team === "data" ? "gpt-4o" : "gpt-4o-mini"),
    requesters: ["operator@globex.test"],
  },
};

const CLASSES: { taskClass: TaskClass; weight: number; calls: [number, number]; asks: string[]; finds: string[] }[] = [
  {
    taskClass: "refactor", weight: 0.3, calls: [6, 14],
    asks: ["Find the duplicated retry logic in {repo} and propose one helper for it", "Map which modules of {repo} still use callbacks and outline moving them to async/await"],
    finds: ["{n} places repeat the same retry loop; one helper with a jittered backoff would replace them", "{n} modules still take callbacks; the config loader is the one to move first"],
  },
  {
    taskClass: "test_generation", weight: 0.3, calls: [5, 10],
    asks: ["List the untested branches of {repo}'s config loading and sketch tests for them", "Find the error paths of {repo} that no test reaches"],
    finds: ["{n} branches of the config loader have no test; sketched a test for each", "{n} error paths are never reached by a test; the timeout path matters most"],
  },
  {
    taskClass: "docs_update", weight: 0.2, calls: [3, 6],
    asks: ["Check {repo}'s README against its configuration and list what it does not say", "Compare {repo}'s CHANGELOG with its last releases"],
    finds: ["{n} configuration keys are missing from the README", "{n} released changes are missing from the CHANGELOG"],
  },
  {
    taskClass: "dependency_major_upgrade", weight: 0.2, calls: [6, 12],
    asks: ["Assess what moving {repo} to Node 22 would break", "Assess the upgrade of {repo}'s test runner to its next major version"],
    finds: ["{n} call sites use APIs that Node 22 removed; each has a drop-in replacement", "{n} test files need changes for the next major version; most are mechanical"],
  },
];

const FAILURES = ["the model answered 3 times in a row without a usable tool call", "3 tool calls in a row could not be made; the last: the arguments are not valid JSON"];

const DAY_MS = 86_400_000;
const utcMidnight = (at: Date) => new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));

/** The tenant's runs over the HISTORY_DAYS days up to `now`, oldest first; none ends after `now`. */
export function planHistory(story: TenantStory, places: readonly CostPlace[], now: Date): PlannedRun[] {
  const next = random(story.seed);
  const between = (lo: number, hi: number) => lo + next() * (hi - lo);
  const int = (lo: number, hi: number) => Math.floor(between(lo, hi + 1));
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
  const weighted = <T>(xs: readonly T[], weight: (x: T) => number) => {
    let r = next() * xs.reduce((s, x) => s + weight(x), 0);
    for (const x of xs) if ((r -= weight(x)) < 0) return x;
    return xs[xs.length - 1]!;
  };
  const teams = Object.keys(story.teams).filter((t) => places.some((p) => p.team === t));
  if (!teams.length) return [];
  const today = utcMidnight(now);
  const runs: PlannedRun[] = [];
  for (let daysAgo = HISTORY_DAYS - 1; daysAgo >= 0; daysAgo--) {
    const day = new Date(today.getTime() - daysAgo * DAY_MS);
    const weekend = day.getUTCDay() === 0 || day.getUTCDay() === 6;
    const progress = (HISTORY_DAYS - 1 - daysAgo) / (HISTORY_DAYS - 1);
    const expected = weekend ? story.weekend : story.weekday[0] + (story.weekday[1] - story.weekday[0]) * progress;
    // Working hours (UTC); today only up to a few minutes ago, and at least one run whatever the hour.
    let from = day.getTime() + (weekend ? 9 : 7) * 3_600_000;
    let to = day.getTime() + (weekend ? 17 : 19) * 3_600_000;
    let count = Math.max(0, Math.round(expected * between(0.8, 1.2)));
    if (daysAgo === 0) {
      const end = now.getTime() - 10 * 60_000;
      count = end > from ? Math.max(1, Math.round((count * (Math.min(end, to) - from)) / (to - from))) : 1;
      if (end > from) to = Math.min(end, to);
      else [from, to] = [day.getTime(), Math.max(day.getTime() + 1, now.getTime() - 60_000)];
    }
    const starts = Array.from({ length: count }, () => between(from, to)).sort((a, b) => a - b);
    for (const start of starts) {
      const team = weighted(teams, (t) => story.teams[t]!);
      const place = pick(places.filter((p) => p.team === team));
      const cls = weighted(CLASSES, (c) => c.weight);
      const n = int(2, 9);
      const fill = (s: string) => s.replaceAll("{repo}", `${place.owner}/${place.name}`).replaceAll("{n}", String(n));
      const failed = next() < 0.07;
      // The timeline as it ran, then squeezed into what is left before `now` (only ever today's last runs).
      const offsets: { kind: "call" | "command"; t: number; m: Omit<PlannedCall, "at"> | Omit<PlannedCommand, "at"> }[] = [];
      let t = between(3_000, 20_000);
      const startedAt = t;
      t += between(4_000, 9_000); // the clone
      let input = 0;
      const calls = int(cls.calls[0], cls.calls[1]);
      for (let i = 0; i < calls; i++) {
        const cachedTokens = i === 0 ? 0 : Math.floor(input * between(0.7, 0.95));
        input = Math.round(between(6_000, 12_000) + i * between(3_000, 6_000));
        const outputTokens = Math.round(150 + next() ** 2 * 1_100);
        const latencyMs = Math.round(1_200 + outputTokens * 8 + between(0, 2_500));
        t += latencyMs;
        offsets.push({ kind: "call", t, m: { inputTokens: input, outputTokens, cachedTokens: Math.min(cachedTokens, input), latencyMs } });
        const commands = i === calls - 1 ? 0 : pick([0, 1, 1, 1, 2, 2]);
        for (let c = 0; c < commands; c++) {
          const quantityMs = Math.round(300 + next() ** 2 * 40_000);
          t += quantityMs + 200;
          offsets.push({ kind: "command", t, m: { quantityMs } });
        }
      }
      const end = t + between(1_500, 4_000);
      const squeeze = Math.min(1, (now.getTime() - 1_000 - start) / end);
      const at = (offset: number) => new Date(Math.round(start + offset * squeeze));
      runs.push({
        key: `${story.tenant}:${runs.length}`,
        place, taskClass: cls.taskClass, requester: pick(story.requesters), model: story.model(team, daysAgo),
        instruction: fill(pick(cls.asks)), summary: fill(pick(cls.finds)),
        queuedAt: at(0), startedAt: at(startedAt), finishedAt: at(end),
        failure: failed ? pick(FAILURES) : null,
        calls: offsets.filter((o) => o.kind === "call").map((o) => ({ ...(o.m as Omit<PlannedCall, "at">), at: at(o.t) })),
        commands: offsets.filter((o) => o.kind === "command").map((o) => ({ ...(o.m as Omit<PlannedCommand, "at">), at: at(o.t) })),
      });
    }
  }
  return runs;
}

/**
 * The run a hard per-run budget stops: a refactor that reads more of the repository at every turn.
 * Yields its calls in order (each bigger than the last) and the sandbox commands between them; the
 * seed costs each and stops before the first call the budget refuses.
 */
export function* runawayTurns(seed: number, startedAt: Date): Generator<{ call: PlannedCall; requestBytes: number; command: PlannedCommand | null }> {
  const next = random(seed);
  let t = startedAt.getTime() + 8_000;
  let input = 0;
  for (let i = 0; ; i++) {
    const cachedTokens = Math.floor(input * 0.9);
    // The context grows with every file read, up to what the agent keeps of it.
    input = Math.min(36_000 + i * 8_000, 128_000) + Math.round(next() * 2_000);
    const outputTokens = 800 + Math.round(next() * 1_200);
    const latencyMs = 3_000 + outputTokens * 9;
    t += latencyMs;
    const call = { at: new Date(t), inputTokens: input, outputTokens, cachedTokens, latencyMs };
    const quantityMs = 2_000 + Math.round(next() * 9_000);
    t += quantityMs + 300;
    // A request's size in bytes bounds its input tokens: about four bytes to a token.
    yield { call, requestBytes: input * 4, command: { at: new Date(t), quantityMs } };
  }
}
