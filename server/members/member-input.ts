// What the members routes accept: the list's query and a change of roles.
import { z } from "zod";
import { ZRole, ZRoles } from "./member-view";

export const ZListMembersQuery = z.object({
  q: z.string().trim().max(200).optional().describe("matches e-mail or name"),
  role: ZRole.optional(),
}).strict();

export const ZUpdateMemberRoles = z.object({ roles: ZRoles }).strict();
