import type { InvitationView, MyInvitationView } from "@/server/invitations/invitation-view";
import type { MemberView } from "@/server/members/member-view";
import type { TenantRole } from "@/server/authz/roles";

export type { InvitationView, MemberView, MyInvitationView, TenantRole };
/** A tenant role as the forms show it (label and description come from the server's ROLE_INFO). */
export type RoleOption = { value: TenantRole; label: string; description: string };
/** The members list's filters, as the URL carries them. */
export type MemberFilter = { q: string; role: string };
