import { removeMemberRoute, updateMemberRolesRoute } from "@/server/contracts/members";
import { withAuthz } from "@/server/http/with-authz";
import { removeMember } from "@/server/members/remove-member";
import { updateMemberRoles } from "@/server/members/update-member-roles";

export const PATCH = withAuthz(updateMemberRolesRoute, ({ ctx, params, body }) => updateMemberRoles(ctx, params.memberId, body));
export const DELETE = withAuthz(removeMemberRoute, ({ ctx, params }) => removeMember(ctx, params.memberId));
