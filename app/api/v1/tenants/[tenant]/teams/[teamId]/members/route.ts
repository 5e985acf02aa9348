import { addTeamMemberRoute } from "@/server/contracts/teams";
import { withAuthz } from "@/server/http/with-authz";
import { addTeamMember } from "@/server/teams/team-members";

export const POST = withAuthz(addTeamMemberRoute, ({ ctx, params, body }) => addTeamMember(ctx, params.teamId, body));
