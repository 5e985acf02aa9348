// What the campaign burndown route answers: two series over the same points, by PR state (where each
// eligible target's work is) and by code (what the detection step last said of each target's
// default branch). A schema file with no logic: contracts and the browser load it.
import { z } from "zod";

export const PR_STATE_CATEGORIES = ["not_started", "running", "held", "pr_open", "merged", "closed", "failed"] as const;
export const CODE_CATEGORIES = ["needed", "done", "unknown"] as const;

const count = z.number().int().min(0);
const ZPrStatePoint = z.object({ at: z.string(), ...Object.fromEntries(PR_STATE_CATEGORIES.map((c) => [c, count])) as Record<(typeof PR_STATE_CATEGORIES)[number], typeof count> });
const ZCodePoint = z.object({ at: z.string(), ...Object.fromEntries(CODE_CATEGORIES.map((c) => [c, count])) as Record<(typeof CODE_CATEGORIES)[number], typeof count> });

export const ZBurndownQuery = z.strictObject({
  points: z.coerce.number().int("points must be a whole number").min(10, "points is at least 10").max(200, "points is at most 200").default(60),
});

export const ZCampaignBurndown = z.object({
  campaignId: z.string(),
  /** Eligible targets: what both series count. */
  targets: count,
  stepMs: z.number().int(),
  byPrState: z.array(ZPrStatePoint),
  byCode: z.object({
    detection: z.object({ argv: z.array(z.string()), description: z.string().nullable(), source: z.enum(["campaign", "recipe"]), timeoutSeconds: z.number().int() }).nullable(),
    points: z.array(ZCodePoint),
    /** Targets whose latest finished detection was an error (their point keeps the last known answer). */
    errors: count,
    pending: count,
    lastAt: z.string().nullable(),
    /** The latest errors, with their reason, for the person to act on. */
    recentErrors: z.array(z.object({ repository: z.string(), at: z.string(), reason: z.string() })),
  }),
});
export type CampaignBurndown = z.infer<typeof ZCampaignBurndown>;
export type PrStateCategory = (typeof PR_STATE_CATEGORIES)[number];
