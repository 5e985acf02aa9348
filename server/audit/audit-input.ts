// What the audit trail's list accepts: filters and a cursor.
import { z } from "zod";

const ZAuditDate = z.coerce
  .date({ message: "must be a date or date-time" })
  .min(new Date("1970-01-01T00:00:00Z"), "must be in 1970 or later")
  .max(new Date("9999-12-31T23:59:59Z"), "must be before the year 10000");

export const ZAuditFilter = z
  .object({
    actor: z.string().trim().min(1).max(200).optional().describe("actor id or e-mail/label (exact)"),
    action: z.string().trim().min(1).max(100).regex(/^[a-z_.]+$/, "must look like member.add").optional(),
    resourceType: z.string().trim().min(1).max(60).optional(),
    resourceId: z.string().trim().min(1).max(200).optional(),
    from: ZAuditDate.optional(),
    to: ZAuditDate.optional(),
    cursor: z.coerce.number().int().positive().optional().describe("seq to continue below (from nextCursor)"),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export type AuditFilter = z.infer<typeof ZAuditFilter>;
