import { setGithubLoginRoute } from "@/server/contracts/github";
import { withAuthz } from "@/server/http/with-authz";
import { setGithubLogin } from "@/server/members/set-github-login";

export const PUT = withAuthz(setGithubLoginRoute, ({ ctx, params, body }) => setGithubLogin(ctx, params.memberId, body.githubLogin));
