// The syntax of GitHub logins and team slugs, as GitHub itself allows them. A schema file with no
// logic beyond the rule: importable by contracts and the browser (the admin screens' fields).
import { z } from "zod";

/** A GitHub login: letters, digits and single hyphens, neither first nor last; at most 39 characters. */
export const GITHUB_LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;

/** A team's slug within its organization (what GitHub derives from the team's name): lowercase letters, digits, '-' and '_'. */
export const GITHUB_TEAM_SLUG = /^[a-z0-9](?:[a-z0-9_-]{0,98}[a-z0-9])?$/;

export const ZGithubLogin = z.string().trim().regex(GITHUB_LOGIN, "must be a GitHub login: letters, digits and single hyphens, not at the start or end (max 39)");

export const ZGithubTeamSlug = z.string().trim().regex(GITHUB_TEAM_SLUG, "must be a GitHub team slug (e.g. platform-team): lowercase letters, digits, '-' and '_', without the organization");

export const ZSetGithubLogin = z.object({
  githubLogin: ZGithubLogin.nullable().describe("null unlinks the person from their GitHub login"),
}).strict();

export const ZSetGithubTeam = z.object({
  githubTeam: ZGithubTeamSlug.nullable().describe("null unlinks the team from its GitHub team"),
}).strict();
