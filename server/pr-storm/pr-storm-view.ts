// What the PR-storm dashboard's route takes and answers: which team is drowning in agent PRs, and
// why. A schema file with no logic: contracts and the browser load it.
import { z } from "zod";
import { ZTeamSlug } from "../teams/team-view";

export const PR_STORM_RANGES = ["24h", "7d", "30d", "90d"] as const;
export type PrStormRange = (typeof PR_STORM_RANGES)[number];
/** The chart's points per range: their spacing and count (the last point is now). */
export const RANGE_BUCKETS: Record<PrStormRange, { stepMs: number; n: number }> = {
  "24h": { stepMs: 3_600_000, n: 25 },
  "7d": { stepMs: 6 * 3_600_000, n: 29 },
  "30d": { stepMs: 24 * 3_600_000, n: 31 },
  "90d": { stepMs: 24 * 3_600_000, n: 91 },
};
export const HOLD_KINDS = ["tenant_budget", "team_open", "team_review", "repository", "wave", "schedule"] as const;

const ZId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "must be an id");
export const ZPrStormFilter = z.strictObject({
  range: z.enum(PR_STORM_RANGES).default("7d"),
  team: ZTeamSlug.optional().describe("a team's slug"),
  repository: ZId.optional().describe("a repository's id"),
  campaign: ZId.optional().describe("a campaign's id"),
  staleDays: z.coerce.number().int("staleDays must be a whole number").min(1, "staleDays is at least 1").max(90, "staleDays is at most 90").default(7)
    .describe("an open PR with no activity for this many days is stale"),
});
export type PrStormFilter = z.infer<typeof ZPrStormFilter>;

const count = z.number().int().min(0);
const ZTeamRef = z.object({ slug: z.string(), name: z.string() }).nullable();

/** Series over the dashboard's points: values[key] per point, keys named in series (top ones, then "other"). */
export const ZSeriesChart = z.object({
  series: z.array(z.object({ key: z.string(), label: z.string() })),
  points: z.array(z.object({ at: z.string(), values: z.record(z.string(), z.number()) })),
});
export type SeriesChart = z.infer<typeof ZSeriesChart>;

export const ZTeamPressure = z.object({
  team: ZTeamRef,
  /** Agent PRs open on GitHub (draft or ready). */
  open: count,
  /** Ready for review and not reviewed yet (no approval, no changes asked for). */
  awaitingReview: count,
  oldestWaitingSince: z.string().nullable(),
  medianWaitHours: z.number().nullable(),
  held: count,
  stale: count,
  /** The pressure in one sentence: what waits, how long, and what holds work back. */
  why: z.string(),
});

export const ZPrBudget = z.object({ perHour: z.number(), burst: z.number().int(), source: z.string() });

export const ZPrStorm = z.object({
  range: z.enum(PR_STORM_RANGES),
  stepMs: z.number().int(),
  staleDays: z.number().int(),
  budget: ZPrBudget.nullable(),
  /** Sorted by pressure: awaiting review plus held, then the longest wait. */
  teams: z.array(ZTeamPressure),
  openByTeam: ZSeriesChart,
  openByRepository: ZSeriesChart,
  /** Per point: PRs opened, merged and closed without merging in the step before it, and PRs opened per hour. */
  flow: z.array(z.object({ at: z.string(), opened: count, merged: count, closed: count, openedPerHour: z.number() })),
  held: z.object({
    total: count,
    /** label: what holds it, in words ("the team's cap on PRs awaiting review"). */
    byKind: z.array(z.object({ kind: z.string(), label: z.string(), count, oldestSince: z.string().nullable() })),
    reasons: z.array(z.object({ kind: z.string(), reason: z.string(), count })),
  }),
  stale: z.object({
    total: count,
    prs: z.array(z.object({
      changesetId: z.string(), repository: z.string(), team: ZTeamRef, prNumber: z.number().int(), prUrl: z.string().nullable(), title: z.string(),
      state: z.string(), lastActivityAt: z.string(), campaignId: z.string().nullable(),
    })),
  }),
});
export type PrStorm = z.infer<typeof ZPrStorm>;
export type TeamPressure = z.infer<typeof ZTeamPressure>;
export type PrBudget = z.infer<typeof ZPrBudget>;
