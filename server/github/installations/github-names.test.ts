import { describe, expect, it } from "vitest";
import { ZGithubLogin, ZGithubTeamSlug, ZSetGithubLogin } from "./github-names";

describe("GitHub logins", () => {
  it.each(["octocat", "a", "A-b-C", "x1-2-3", "a".repeat(39), "  padded  "])("accepts %j", (login) => {
    expect(ZGithubLogin.safeParse(login).success).toBe(true);
  });

  it.each(["", "-lead", "trail-", "dou--ble", "a".repeat(40), "under_score", "dot.ted", "with space", "ünï", "@octocat", "org/team"])("refuses %j", (login) => {
    expect(ZGithubLogin.safeParse(login).success).toBe(false);
  });

  it("trims, and null unlinks", () => {
    expect(ZSetGithubLogin.parse({ githubLogin: " octocat " })).toEqual({ githubLogin: "octocat" });
    expect(ZSetGithubLogin.parse({ githubLogin: null })).toEqual({ githubLogin: null });
    expect(ZSetGithubLogin.safeParse({ githubLogin: "x", extra: 1 }).success).toBe(false);
  });
});

describe("GitHub team slugs", () => {
  it.each(["platform", "platform-team", "team_2", "a", "a1"])("accepts %j", (slug) => {
    expect(ZGithubTeamSlug.safeParse(slug).success).toBe(true);
  });

  it.each(["", "Platform", "-x", "x-", "acme/platform", "@acme/platform", "with space", "a".repeat(101)])("refuses %j", (slug) => {
    expect(ZGithubTeamSlug.safeParse(slug).success).toBe(false);
  });
});
