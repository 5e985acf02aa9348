import { describe, expect, it } from "vitest";
import { matchPage } from "./serve-pages";

describe("matchPage", () => {
  it("answers the home, a repository, a pull request and its form post, and nothing else", () => {
    expect(matchPage("GET", "/")).toEqual({ kind: "home" });
    expect(matchPage("GET", "/acme/widgets")).toEqual({ kind: "repository", owner: "acme", name: "widgets" });
    expect(matchPage("GET", "/acme/my.repo_1-x")).toEqual({ kind: "repository", owner: "acme", name: "my.repo_1-x" });
    expect(matchPage("GET", "/acme/widgets/pull/12")).toEqual({ kind: "pull", owner: "acme", name: "widgets", number: 12 });
    expect(matchPage("POST", "/acme/widgets/pull/12/act")).toEqual({ kind: "act", owner: "acme", name: "widgets", number: 12 });
  });

  it("leaves the API's roots, git's paths and near misses to the API", () => {
    for (const [method, path] of [
      ["GET", "/app/installations"],
      ["GET", "/repos/acme"],
      ["GET", "/repos/acme/widgets"],
      ["GET", "/users/octocat"],
      ["GET", "/orgs/acme"],
      ["GET", "/installation/repositories"],
      ["GET", "/_twin/faults"],
      ["POST", "/_twin/human"],
      ["GET", "/_twin/pull/1"],
      ["GET", "/acme/widgets.git/info/refs"],
      ["POST", "/acme/widgets/pull/1"],
      ["GET", "/acme/widgets/pull/1/act"],
      ["POST", "/"],
      ["HEAD", "/acme/widgets"],
      ["GET", "/acme/widgets/"],
      ["GET", "/acme/widgets/pull/0"],
      ["GET", "/acme/widgets/pull/1x"],
      ["GET", "/acme/widgets/pulls"],
      ["GET", "/acme"],
      ["GET", "/acme/%3Cscript%3E"],
      ["GET", "/acme/.hidden"],
    ] as const) {
      expect(matchPage(method, path), `${method} ${path}`).toBeNull();
    }
  });
});
