// What a campaign's changeset table and its bulk actions accept and answer. Schemas only: contracts
// and the browser import this file.
import { z } from "zod";
import { ZId } from "../http/define-route";
import { CHANGESET_STATES } from "../github/changesets/changeset-view";
import { RUN_STATES } from "../runs/run-view";

export const CHANGESET_SORTS = ["newest", "oldest"] as const;

export const ZCampaignChangesetFilter = z.strictObject({
  state: z.enum(CHANGESET_STATES).optional(),
  wave: z.coerce.number().int().min(0).max(99).optional().describe("0 is the canary wave"),
  team: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "must be a team slug").optional().describe("the owning team's slug"),
  held: z.enum(["true", "false"]).optional().describe("true: only held changesets (waiting under a PR-storm cap or a schedule window); false: none of them"),
  sort: z.enum(CHANGESET_SORTS).default("newest").describe("by age: newest (youngest) or oldest first"),
  after: ZId.optional().describe("continue after this changeset id (nextAfter)"),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type CampaignChangesetFilter = z.infer<typeof ZCampaignChangesetFilter>;

export const ZCampaignChangesetRow = z.object({
  id: z.string(),
  repository: z.object({ id: z.string(), fullName: z.string() }),
  team: z.object({ slug: z.string(), name: z.string() }).nullable(),
  wave: z.number().int().nullable(),
  state: z.enum(CHANGESET_STATES),
  holdKind: z.string().nullable(),
  heldReason: z.string().nullable().describe("why it is held (its flagReason), when it is"),
  flagReason: z.string().nullable().describe("why it waits for a person or was held, in a sentence"),
  prNumber: z.number().int().nullable(),
  prUrl: z.string().nullable(),
  checksState: z.string(),
  reviewState: z.string(),
  run: z.object({ id: z.string(), state: z.enum(RUN_STATES), attempt: z.number().int() }).nullable().describe("the task's latest run (a retry's, once there is one)"),
  createdAt: z.string(),
  /** The age runs from ageFrom (opened, or created when never opened) to ageUntil (merged or closed) or now. */
  ageFrom: z.string(),
  ageUntil: z.string().nullable(),
});
export type CampaignChangesetRow = z.infer<typeof ZCampaignChangesetRow>;

export const ZCampaignChangesetPage = z.object({
  changesets: z.array(ZCampaignChangesetRow),
  total: z.number().int().describe("changesets matching the filters, on every page"),
  nextAfter: z.string().nullable(),
});

export const BULK_ACTIONS = ["retry", "close", "comment", "rerun"] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];
export const BULK_MAX = 500;

export const ZBulkChangesetAction = z.strictObject({
  action: z.enum(BULK_ACTIONS).describe("retry: a new attempt where the run or its publication failed; close: close the PR (with the comment, if any); comment: post the comment on each PR; rerun: a new attempt from the current default branch"),
  ids: z.array(ZId).min(1, "select at least one changeset").max(BULK_MAX, `at most ${BULK_MAX} changesets at once`)
    .refine((ids) => new Set(ids).size === ids.length, "each changeset once"),
  comment: z.string().trim().min(1, "write the comment").max(10_000).optional(),
  reason: z.string().trim().max(500).optional().describe("recorded with the new attempts (retry, rerun) and in the audit trail"),
}).superRefine((b, ctx) => {
  if (b.action === "comment" && !b.comment) ctx.addIssue({ code: "custom", path: ["comment"], message: "write the comment to post" });
  if ((b.action === "retry" || b.action === "rerun") && b.comment) ctx.addIssue({ code: "custom", path: ["comment"], message: `${b.action} posts no comment; say why in reason` });
});
export type BulkChangesetAction = z.infer<typeof ZBulkChangesetAction>;

export const ZItemOutcome = z.object({
  id: z.string(),
  outcome: z.enum(["done", "queued", "skipped"]).describe("done: a new attempt was admitted; queued: its GitHub write is queued; skipped: nothing was done, for the reason given"),
  message: z.string(),
  runId: z.string().nullable(),
});
export type ItemOutcome = z.infer<typeof ZItemOutcome>;

export const ZBulkResult = z.object({
  action: z.enum(BULK_ACTIONS),
  batchId: z.string().describe("the audit event's and the changesets' history's key for this request"),
  results: z.array(ZItemOutcome),
  counts: z.object({ done: z.number().int(), queued: z.number().int(), skipped: z.number().int() }),
});
export type BulkResult = z.infer<typeof ZBulkResult>;

export const ZRetryFailed = z.strictObject({ reason: z.string().trim().max(500).optional() });

export const ZRetryFailedResult = z.object({
  batchId: z.string(),
  results: z.array(ZItemOutcome.extend({ id: z.string().describe("the failed run's id") })),
  counts: z.object({ done: z.number().int(), skipped: z.number().int() }),
  remaining: z.number().int().describe(`failed runs beyond this request's ${BULK_MAX}; ask again for them`),
});
export type RetryFailedResult = z.infer<typeof ZRetryFailedResult>;
