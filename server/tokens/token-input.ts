// What creating an API token accepts.
import { z } from "zod";
import { ZRoles } from "../members/member-view";

export const ZCreateToken = z.object({
  name: z.string().trim().min(1).max(80),
  roles: ZRoles,
  expiresInDays: z.number().int().min(1).max(365).nullable().default(90).describe("null for a token that never expires"),
}).strict();
