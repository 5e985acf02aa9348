import { inviteMemberRoute, listMembersRoute } from "@/server/contracts/members";
import { withAuthz } from "@/server/http/with-authz";
import { inviteMember } from "@/server/invitations/invite-member";
import { listMembers } from "@/server/members/list-members";

export const GET = withAuthz(listMembersRoute, ({ ctx, query }) => listMembers(ctx, query));
export const POST = withAuthz(inviteMemberRoute, ({ ctx, body }) => inviteMember(ctx, body));
