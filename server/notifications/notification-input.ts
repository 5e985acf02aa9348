// What the notifications routes accept: the list's filter and marking as read.
import { z } from "zod";

export const ZNotificationFilter = z.object({
  unread: z.enum(["true", "false"]).transform((v) => v === "true").optional().describe("true: only unread ones"),
  /** Keyset cursor: the last id of the previous page. */
  after: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
}).strict();

export const ZMarkRead = z.object({
  ids: z.array(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "must be an id")).min(1).max(200).optional(),
  all: z.literal(true).optional(),
}).strict().superRefine((b, ctx) => {
  if ((b.ids === undefined) === (b.all === undefined)) ctx.addIssue({ code: "custom", path: ["ids"], message: "send either ids or all: true" });
}).describe("{ ids: [...] } for some, { all: true } for every unread one");
