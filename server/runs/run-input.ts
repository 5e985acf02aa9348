// What the runs routes accept: filters, a retry and a scheduler pause.
import { z } from "zod";
import { ZId } from "../http/define-route";
import { RUN_STATES } from "./run-view";

export const ZRunEventFilter = z.object({
  afterSeq: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(200),
}).strict();

export const ZRunFilter = z.object({
  /** open: not ended yet (the default); all: every run. A state filter overrides it. */
  view: z.enum(["open", "all"]).default("open"),
  state: z.enum(RUN_STATES).optional(),
  repositoryId: ZId.optional(),
  taskClass: z.string().regex(/^[a-z0-9_]+$/, "must be a task class").max(60).optional(),
  campaignId: ZId.optional(),
  requester: z.string().trim().min(1).max(200).optional(),
  /** Queued at or after / before these instants (ISO 8601 with an offset). */
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  /** Keyset cursor: the last id of the previous page. */
  after: ZId.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
}).strict().refine((f) => !f.from || !f.to || Date.parse(f.from) <= Date.parse(f.to), { path: ["to"], message: "must not be before from" });
export type RunFilter = z.infer<typeof ZRunFilter>;

export const ZRetryRun = z.object({ reason: z.string().trim().max(500).optional() }).strict();

export const ZSchedulerScope = z.object({ scope: z.enum(["tenant", "global"]).default("tenant") }).strict();
export const ZPauseScheduler = ZSchedulerScope.extend({ reason: z.string().trim().min(3, "say why (at least 3 characters)").max(500) }).strict();
