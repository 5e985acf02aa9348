// What the API and the console show of changesets (an agent's branch and pull request): the list's
// rows, one changeset with its timeline, its risk parts and the provenance of the run that made it.
// Schemas only: contracts and the browser import this file.
import { z } from "zod";
import type { ChangesetState } from "../../db/generated/client";
import type { RiskLevel } from "../risk-score";

export const CHANGESET_STATES = [
  "unpublished", "awaiting_approval", "held", "publishing", "draft", "open", "merged", "closed", "blocked", "edited", "needs_human", "failed",
] as const satisfies readonly ChangesetState[];
// Every state of the database's enum is listed: a new one fails the type check here.
export type UnlistedChangesetState = Exclude<ChangesetState, (typeof CHANGESET_STATES)[number]>;
export const ALL_STATES_LISTED: [UnlistedChangesetState] extends [never] ? true : never = true;

export const REVIEW_STATES = ["none", "review_required", "changes_requested", "approved"] as const;
export const CHECKS_STATES = ["none", "pending", "passing", "failing"] as const;
export const RISK_LEVELS = ["low", "medium", "high"] as const satisfies readonly RiskLevel[];

/** Post-merge health (server/github/health/record-health.ts); unknown values pass through. */
export const HEALTH_STATES = ["watching", "reverting", "awaiting_approval", "reverted", "passed", "unverified", "not_reverted"] as const;

export const ZChangesetHealth = z.object({
  /** null: not merged, or merged before post-merge health watched merges. */
  state: z.string().nullable(),
  reason: z.string().nullable(),
  /** When the soak ends (null until the watch's first pass reads the policy). */
  until: z.string().nullable(),
  checkedAt: z.string().nullable(),
  mergeCommitSha: z.string().nullable(),
  mergeCommitUrl: z.string().nullable(),
  revertedAt: z.string().nullable(),
  revertPrNumber: z.number().int().nullable(),
  revertPrUrl: z.string().nullable(),
});
export type ChangesetHealth = z.infer<typeof ZChangesetHealth>;

export const ZRiskPart = z.object({ fact: z.string(), points: z.number(), why: z.string() });

export const ZChangesetSummary = z.object({
  id: z.string(),
  repository: z.object({ id: z.string(), fullName: z.string() }),
  taskId: z.string(),
  /** The run that last published through it (earlier attempts of the task share the changeset). */
  runId: z.string(),
  campaignId: z.string().nullable(),
  taskClass: z.string(),
  /** The autonomy it was published under (draft_pr, supervised_pr, autonomous_pr...). */
  mode: z.string(),
  state: z.enum(CHANGESET_STATES),
  /** Unknown values (a newer writer) pass through as they are. */
  reviewState: z.string(),
  checksState: z.string(),
  risk: z.object({ score: z.number(), level: z.enum(RISK_LEVELS) }),
  needsHumanReview: z.boolean(),
  flagReason: z.string().nullable(),
  /** What holds it: a PR-storm cap (tenant_budget, team_open, team_review, repository, wave, schedule) or a flag's kind. */
  holdKind: z.string().nullable(),
  /** Held under a cap since (its place in the queue: the oldest held is released first). */
  heldAt: z.string().nullable(),
  title: z.string(),
  branch: z.string(),
  baseBranch: z.string(),
  prNumber: z.number().int().nullable(),
  prUrl: z.string().nullable(),
  labels: z.array(z.string()),
  reviewers: z.array(z.string()),
  createdAt: z.string(),
  openedAt: z.string().nullable(),
  firstReviewAt: z.string().nullable(),
  mergedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  lastEventAt: z.string().nullable(),
  /** Exact, from the timestamps GitHub reported; null until both ends are known. */
  timeToFirstReviewMs: z.number().int().nullable(),
  timeToMergeMs: z.number().int().nullable(),
  /** The PR's age runs from ageFrom (opened, or created when never opened) to ageUntil (merged or closed) or now. */
  ageFrom: z.string(),
  ageUntil: z.string().nullable(),
  health: ZChangesetHealth,
});
export type ChangesetSummary = z.infer<typeof ZChangesetSummary>;

export const ZChangesetEvent = z.object({
  seq: z.number().int(),
  at: z.string(),
  kind: z.string(),
  fromState: z.enum(CHANGESET_STATES).nullable(),
  toState: z.enum(CHANGESET_STATES).nullable(),
  message: z.string(),
  /** Redacted when stored. */
  data: z.record(z.string(), z.unknown()).nullable(),
});
export type ChangesetEventView = z.infer<typeof ZChangesetEvent>;

/** What the PR body's provenance block says, read from the run (and the changeset for what it pushed). */
export const ZChangesetProvenance = z.object({
  runId: z.string(),
  taskId: z.string(),
  attempt: z.number().int().nullable(),
  campaignId: z.string().nullable(),
  /** recipe or model */
  agentKind: z.string().nullable(),
  /** The models the run called, in order of first use (none for a recipe). */
  models: z.array(z.string()),
  /** Recorded by the publisher on its publish event; null when it did not say. */
  sandboxProfile: z.string().nullable(),
  baseSha: z.string().nullable(),
  headSha: z.string().nullable(),
  effectivePolicyHash: z.string().nullable(),
  verifierProfile: z.string().nullable(),
  patchSha256: z.string().nullable(),
});
export type ChangesetProvenance = z.infer<typeof ZChangesetProvenance>;

export const ZChangesetDetail = z.object({
  changeset: ZChangesetSummary.extend({
    baseSha: z.string().nullable(),
    headSha: z.string().nullable(),
    patchSha256: z.string().nullable(),
    publishAttempts: z.number().int(),
    reconciledAt: z.string().nullable(),
    updatedAt: z.string(),
    risk: z.object({ score: z.number(), level: z.enum(RISK_LEVELS), threshold: z.number(), parts: z.array(ZRiskPart) }),
  }),
  /** The timeline, oldest first: the last EVENTS_SHOWN events when there are more. */
  events: z.array(ZChangesetEvent),
  eventCount: z.number().int(),
  provenance: ZChangesetProvenance,
  /** The run that last published (null when it was removed). */
  run: z.object({ id: z.string(), state: z.string(), attempt: z.number().int() }).nullable(),
});
export type ChangesetDetail = z.infer<typeof ZChangesetDetail>;

export const EVENTS_SHOWN = 500;
