// The demo tenant's two campaigns across its fleet (prisma/demo/fleet), so the campaign pages and the
// PR-storm dashboard have a story on first open:
// - raise-pino: finished three weeks ago, in three waves; nearly every PR merged, two closed by their
//   teams without merging (their reasons in a comment);
// - timeout-ms-config-key: in progress; its canary wave merged yesterday, its second wave is running,
//   and the payments team has as many agent PRs open as the campaign's cap allows, so its other
//   changes are held (held: team payments has 4 agent PRs open (cap 4)).
// What each target's changeset ends as is decided here from the plan (its wave and team), so the
// story follows the fleet when it changes.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { CampaignSpec } from "../../../server/campaigns/campaign-spec";

/** Where a target's changeset ends: its PR's state on the twin, or held by a cap, or not started (a later wave). */
export type Outcome = "merged" | "closed" | "approved" | "in_review" | "draft" | "held" | "pending";

export type Target = { name: string; team: string | null; waveIndex: number };

export type DemoCampaign = {
  /** Stable: each target's task and run ids (and so its branch) are derived from it and the repository. */
  key: string;
  spec: CampaignSpec;
  /** The campaign's end state: completed, or running with its last wave under way. */
  state: "completed" | "running";
  /** Hours before the seed: created, then launched; when each wave started and (when done) finished. */
  createdHoursAgo: number;
  waves: { startedHoursAgo: number; finishedHoursAgo: number | null }[];
  /** Hours before the seed it completed (a completed campaign). */
  endedHoursAgo?: number;
  /** Every eligible target's outcome, from the plan (targets in rollout order, wave by wave). */
  outcomes(targets: readonly Target[]): Map<string, Outcome>;
  /** A person's comment on a PR closed without merging. */
  closedBecause?: Record<string, { by: string; body: string }>;
};

const recipe = (name: string) => readFileSync(path.resolve(import.meta.dirname, "../recipes", `${name}.yaml`), "utf8");

/** Who reviews each team's PRs on the twin. */
export const REVIEWERS: Record<string, [string, string]> = {
  payments: ["mei-payments", "olu-payments"], platform: ["priya-platform", "dario-platform"], web: ["jonas-web", "lena-web"],
  data: ["ana-data", "ravi-data"], identity: ["kim-identity", "tomas-identity"],
};
export const reviewersOf = (team: string | null): [string, string] => REVIEWERS[team ?? ""] ?? ["acme-reviewer", "acme-maintainer"];

const EXCLUDED_DEMO_REPOS = ["acme/docs-site", "acme/web-frontend", "acme/platform-api"];
const AWAITING_REVIEW_CAP = 3;
// The campaign's open-PR cap for a team: payments' three PRs in review and acme/payment-service's demo
// draft (prisma/demo/github) fill it, so payments' other changes are held. Its PRs open as drafts,
// which a team's review queue does not count: the open-PR cap is the one that holds them.
const OPEN_PER_TEAM_CAP = 4;
/** The team whose review queue is full in the running campaign. */
export const DROWNING_TEAM = "payments";

const CLOSED_PINO: Record<string, { by: string; body: string }> = {
  "data-exports": { by: "ana-data", body: "We replace pino with the platform logger in this service next sprint (DATA-412): closing rather than bumping it twice." },
  "web-account": { by: "jonas-web", body: "web-account is being folded into web-checkout this month; no more dependency updates here." },
};

const RAISE_PINO: DemoCampaign = {
  key: "raise-pino",
  state: "completed",
  spec: {
    name: "raise-pino-8-17-2",
    description: "pino 8.16.2 drops log lines when a destination stalls (pino#1873); 8.17.2 fixes it. Every service of the fleet moves to it.",
    change: { taskClass: "dependency_patch_minor", instruction: "Raise pino from 8.16.2 to 8.17.2", agent: { kind: "recipe", recipe: recipe("raise-pino") } },
    detection: { argv: ["grep", "-q", "\"pino\": \"8.16.2\"", "package.json"], description: "package.json still pins pino 8.16.2" },
    // The first demo projects do not use pino; the restricted tiers are the policy's to exclude.
    targets: { teams: ["payments", "platform", "web", "data", "identity"], exclude: EXCLUDED_DEMO_REPOS },
    autonomy: "draft_pr",
    waves: { canary: 3, sizes: [10, "100%"] },
    gates: { runFailureRate: 0.1, ciFailureRate: 0.2, closedWithoutMergeRate: 0.25, soakMinutes: 240 },
    caps: { openPerTeam: 8 },
  },
  createdHoursAgo: 510,
  waves: [{ startedHoursAgo: 504, finishedHoursAgo: 480 }, { startedHoursAgo: 474, finishedHoursAgo: 384 }, { startedHoursAgo: 378, finishedHoursAgo: 270 }],
  endedHoursAgo: 270,
  outcomes: (targets) => new Map(targets.map((t) => [t.name, t.name in CLOSED_PINO ? "closed" : "merged"])),
  closedBecause: CLOSED_PINO,
};
// Not capped teams' PRs in the running wave, in turn: the queue of a team that keeps up.
const KEEPING_UP: Outcome[] = ["merged", "approved", "in_review", "draft"];

const TIMEOUT_KEY: DemoCampaign = {
  key: "timeout-ms-config-key",
  state: "running",
  spec: {
    name: "timeout-ms-config-key",
    description: "The config loaders drop the deprecated timeoutMs key next quarter: every service's config moves to timeout_ms first.",
    change: { taskClass: "config_migration", instruction: "Rename the deprecated timeoutMs config key to timeout_ms", agent: { kind: "recipe", recipe: recipe("migrate-timeout-key") } },
    detection: { argv: ["grep", "-rq", "--include=*.yaml", "timeoutMs:", "config"], description: "a config file still uses timeoutMs" },
    targets: { teams: ["payments", "platform", "web", "data", "identity"], riskTiers: ["low", "standard"], exclude: EXCLUDED_DEMO_REPOS.slice(0, 2) },
    autonomy: "draft_pr",
    waves: { canary: 3, sizes: [14, "100%"] },
    gates: { runFailureRate: 0.1, ciFailureRate: 0.2, closedWithoutMergeRate: 0.25, reviewVetoRate: 0.3, soakMinutes: 240 },
    caps: { awaitingReviewPerTeam: AWAITING_REVIEW_CAP, openPerTeam: OPEN_PER_TEAM_CAP, prsPerHour: { rate: 30, burst: 15 } },
  },
  createdHoursAgo: 30,
  waves: [{ startedHoursAgo: 29, finishedHoursAgo: 20 }, { startedHoursAgo: 1, finishedHoursAgo: null }],
  outcomes(targets) {
    const out = new Map<string, Outcome>();
    let drowning = 0;
    let other = 0;
    for (const t of targets) {
      if (t.waveIndex === 0) out.set(t.name, "merged");
      else if (t.waveIndex > 1) out.set(t.name, "pending");
      else if (t.team === DROWNING_TEAM) out.set(t.name, drowning++ < AWAITING_REVIEW_CAP ? "in_review" : "held");
      else out.set(t.name, KEEPING_UP[other++ % KEEPING_UP.length]!);
    }
    return out;
  },
};

export const DEMO_CAMPAIGNS: DemoCampaign[] = [RAISE_PINO, TIMEOUT_KEY];
