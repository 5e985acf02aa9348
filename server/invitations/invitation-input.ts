// What inviting a member accepts.
import { z } from "zod";
import { ZRoles } from "../members/member-view";

export const ZInviteMember = z.object({
  email: z.string().trim().toLowerCase().email("must be an e-mail address").max(320),
  roles: ZRoles,
  name: z.string().trim().min(1).max(120).optional()
    .describe("the name of an account made with initialPassword; people who sign in with single sign-on bring their own"),
  initialPassword: z.string().min(12, "must be at least 12 characters").max(200).optional()
    .describe("needs member.set_password (platform admins): an address with no account gets one with this local password, to sign in and answer; an existing account keeps its own sign-in"),
}).strict();
