import { addMemberRoute, listMembersRoute } from "@/server/api/members";
import { withAuthz } from "@/server/http/with-authz";
import { addMember } from "@/server/members/add-member";
import { listMembers } from "@/server/members/list-members";

export const GET = withAuthz(listMembersRoute, ({ ctx, query }) => listMembers(ctx, query));
export const POST = withAuthz(addMemberRoute, ({ ctx, body }) => addMember(ctx, body));
