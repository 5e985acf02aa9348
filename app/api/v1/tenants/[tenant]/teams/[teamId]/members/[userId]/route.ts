import { removeTeamMemberRoute } from "@/server/contracts/teams";
import { withAuthz } from "@/server/http/with-authz";
import { removeTeamMember } from "@/server/teams/team-members";

export const DELETE = withAuthz(removeTeamMemberRoute, ({ ctx, params }) => removeTeamMember(ctx, params.teamId, params.userId));
