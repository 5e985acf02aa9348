import type { InvitationView, MyInvitationView } from "@/server/invitations/invitation-view";
import type { MemberView } from "@/server/members/member-view";
import type { TenantRole } from "@/server/authz/roles";
import { defineUrlFilter, text } from "../ui/url-filter";

export type { InvitationView, MemberView, MyInvitationView, TenantRole };
/** A tenant role as the forms show it (label and description come from the server's ROLE_INFO). */
export type RoleOption = { value: TenantRole; label: string; description: string };
/** The members list's filters, as the URL carries them; the context is the roles the server knows. */
export const memberFilter = defineUrlFilter(
  { q: text(200), role: text(60) },
  (f, roles: readonly string[]) => ({ ...f, role: roles.includes(f.role) ? f.role : "" }),
);
export type MemberFilter = typeof memberFilter.defaults;
