// What the policy routes accept: policy text to save, preview, replay or evaluate, and the
// requests that move a version (activation, rollback) or list decision records.
import { z } from "zod";
import { ZId } from "../http/define-route";
import { EFFECTS } from "./document-schema";

const MAX_TEXT = 200_000;

export const ZPolicyText = z.object({
  content: z.string().min(1, "the policy is empty").max(MAX_TEXT),
  tests: z.string().max(MAX_TEXT).default(""),
});

export const ZSaveVersion = ZPolicyText.extend({
  message: z.string().trim().min(1, "say what changed and why").max(500),
  /** The version the editor started from; saving over a newer one is refused (409). */
  baseNumber: z.number().int().positive().optional(),
}).strict();

export const ZCreateDocument = ZPolicyText.extend({
  message: z.string().trim().min(1, "say what the policy is for").max(500),
}).strict();

export const ZPreviewDraft = ZPolicyText.extend({
  /** The document being edited; absent for a new document. */
  documentId: ZId.optional(),
  /** Try-an-input: decided with the draft and with the active policy, as the console and the runs decide. */
  input: z.unknown().optional(),
}).strict();

export const ZReplayFilter = z.object({
  limit: z.coerce.number().int().min(1).max(50_000).default(10_000),
  action: z.string().min(1).optional(),
  /** Inclusive. */
  since: z.iso.datetime({ offset: true }).optional(),
  /** Inclusive. */
  until: z.iso.datetime({ offset: true }).optional(),
});
export type ReplayFilter = z.infer<typeof ZReplayFilter>;

export const ZBlastRadiusRequest = ZPolicyText.extend({
  documentId: ZId.optional(),
  filter: ZReplayFilter.strict().default({ limit: 10_000 }),
}).strict();

export const ZEvaluateRequest = z.object({
  input: z.unknown(),
  against: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("active") }).strict(),
    z.object({ kind: z.literal("shadow") }).strict(),
    z.object({ kind: z.literal("version"), documentId: ZId, number: z.number().int().positive() }).strict(),
    z.object({ kind: z.literal("draft"), documentId: ZId.optional(), content: z.string().min(1).max(200_000) }).strict(),
  ]).default({ kind: "active" }),
}).strict();

export const ZRequestActivation = z.object({ note: z.string().trim().max(500).optional() }).strict();

export const ZRollback = z.object({ message: z.string().trim().min(1).max(500).optional() }).strict();

export const ZDecisionFilter = z.object({
  action: z.string().min(1).max(100).optional(),
  decision: z.enum(EFFECTS).optional(),
  /** Only records a rule of this policy decided, in the active or in the shadow decision. */
  policy: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, "must be a policy name").max(100).optional(),
  /** Only records where a shadow version decided differently. */
  disagreement: z.enum(["true", "false"]).optional(),
  before: z.string().regex(/^[1-9][0-9]{0,17}$/, "must be a decision record id").optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
}).strict();
