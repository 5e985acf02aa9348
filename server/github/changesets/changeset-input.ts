// What the changesets routes accept: the list's filters and its keyset cursor.
import { z } from "zod";
import { ZId } from "../../http/define-route";
import { AUTONOMY_LEVELS } from "../../policy/document-schema";
import { CHANGESET_STATES, CHECKS_STATES, REVIEW_STATES, RISK_LEVELS } from "./changeset-view";

export const ZChangesetFilter = z.object({
  state: z.enum(CHANGESET_STATES).optional(),
  repositoryId: ZId.optional(),
  taskClass: z.string().regex(/^[a-z0-9_]+$/, "must be a task class").max(60).optional(),
  mode: z.enum(AUTONOMY_LEVELS).optional(),
  /** low, medium or high, as risk-score.ts bands the score against the default threshold. */
  riskLevel: z.enum(RISK_LEVELS).optional(),
  reviewState: z.enum(REVIEW_STATES).optional(),
  checksState: z.enum(CHECKS_STATES).optional(),
  campaignId: ZId.optional(),
  /** Keyset cursor: the last id of the previous page. */
  after: ZId.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
}).strict();
export type ChangesetFilter = z.infer<typeof ZChangesetFilter>;
