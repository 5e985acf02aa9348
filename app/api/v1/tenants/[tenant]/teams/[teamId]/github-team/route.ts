import { setGithubTeamRoute } from "@/server/contracts/github";
import { withAuthz } from "@/server/http/with-authz";
import { setGithubTeam } from "@/server/teams/set-github-team";

export const PUT = withAuthz(setGithubTeamRoute, ({ ctx, params, body }) => setGithubTeam(ctx, params.teamId, body.githubTeam));
