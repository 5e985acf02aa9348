import { deleteTeamRoute, updateTeamRoute } from "@/server/contracts/teams";
import { withAuthz } from "@/server/http/with-authz";
import { deleteTeam } from "@/server/teams/delete-team";
import { updateTeam } from "@/server/teams/update-team";

export const PATCH = withAuthz(updateTeamRoute, ({ ctx, params, body }) => updateTeam(ctx, params.teamId, body));
export const DELETE = withAuthz(deleteTeamRoute, ({ ctx, params }) => deleteTeam(ctx, params.teamId));
