import { createTeamRoute, listTeamsRoute } from "@/server/contracts/teams";
import { withAuthz } from "@/server/http/with-authz";
import { createTeam } from "@/server/teams/create-team";
import { listTeams } from "@/server/teams/list-teams";

export const GET = withAuthz(listTeamsRoute, ({ ctx }) => listTeams(ctx));
export const POST = withAuthz(createTeamRoute, ({ ctx, body }) => createTeam(ctx, body));
