// What the approvals routes accept: the list's filter, a vote and a cancellation.
import { z } from "zod";
import { APPROVAL_STATES } from "./approval-view";

export const ZApprovalFilter = z.object({
  view: z.enum(["inbox", "mine", "all"]).default("inbox"),
  state: z.enum(APPROVAL_STATES).optional(),
  kind: z.string().regex(/^[a-z0-9_]+$/).max(60).optional(),
  /** Keyset cursor: the last id of the previous page. */
  after: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
}).strict();

export const ZVote = z.object({
  vote: z.enum(["approve", "deny"]),
  reason: z.string().trim().max(2000).optional(),
}).strict();

export const ZCancel = z.object({ reason: z.string().trim().max(2000).optional() }).strict();
