import { describe, expect, it } from "vitest";
import restExamples from "./fixtures/rest-examples.json" with { type: "json" };
import { validateExchange } from "./validate-exchange";

const SAMPLE_PARAMS: Record<string, string> = {
  owner: "octocat", repo: "Hello-World", installation_id: "1", branch: "main", ref: "heads/main", basehead: "main...topic",
  pull_number: "1347", issue_number: "1347", delivery_id: "12345678", sha: "6dcb09b5b57875f334f61aebed695e2e4193db5e", org: "octo-org", team_slug: "justice-league", username: "octocat",
};
const concrete = (template: string) => template.replace(/\{(\w+)\}/g, (_, name: string) => SAMPLE_PARAMS[name]!);

type Example = (typeof restExamples.examples)[number] & { request?: unknown };
const examples = restExamples.examples as Example[];
const exampleFor = (method: string, path: string, status: number) => examples.find((e) => e.method === method && e.path === path && e.status === status)!;
const exchangeOf = (e: Example) => ({ method: e.method, path: concrete(e.path), requestBody: e.request, status: e.status, responseBody: e.response });

/**
 * GitHub's own examples lag its schemas: fields a schema has since made required are missing from them.
 * Listed exactly, so that the validator neither misses these nor reports anything else.
 */
const GITHUB_EXAMPLE_DRIFT: Record<string, string[]> = {
  "get /repos/{owner}/{repo} 200": ["response.body.language: is required", "response.body.source.language: is required"],
  "get /repos/{owner}/{repo}/commits/{ref} 200": ["response.body.files[0].contents_url: is required", "response.body.files[0].sha: is required"],
  "get /repos/{owner}/{repo}/pulls 200": ["response.body[0].requested_teams[0].type: is required"],
  "post /repos/{owner}/{repo}/pulls 201": ["response.body.requested_teams[0].type: is required"],
  "get /repos/{owner}/{repo}/pulls/{pull_number} 200": ["response.body.requested_teams[0].type: is required"],
  "patch /repos/{owner}/{repo}/pulls/{pull_number} 200": ["response.body.requested_teams[0].type: is required"],
  "post /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers 201": ["response.body.requested_teams[0].type: is required"],
  "delete /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers 200": ["response.body.requested_teams[0].type: is required"],
  "get /orgs/{org}/teams 200": ["response.body[0].type: is required"],
};

describe("validateExchange on GitHub's own examples", () => {
  it.each(examples.map((e) => [`${e.method} ${e.path} ${e.status} (${e.name})`, e] as const))("%s", (_, e) => {
    expect(validateExchange(exchangeOf(e))).toEqual(GITHUB_EXAMPLE_DRIFT[`${e.method} ${e.path} ${e.status}`] ?? []);
  });
});

describe("validateExchange on answers GitHub would not give", () => {
  const pull = exampleFor("get", "/repos/{owner}/{repo}/pulls/{pull_number}", 200);
  const faithfulPull = () => {
    const body = structuredClone(pull.response) as Record<string, unknown> & { requested_teams: Record<string, unknown>[] };
    for (const team of body.requested_teams) team.type = "organization";
    return body;
  };
  const getPull = (responseBody: unknown, status = 200) => validateExchange({ method: "GET", path: "/repos/acme/x/pulls/3", status, responseBody });

  it("accepts the example once its drift is repaired", () => {
    expect(getPull(faithfulPull())).toEqual([]);
  });

  it("names a missing field", () => {
    const { number: _, ...body } = faithfulPull();
    expect(getPull(body)).toEqual(["response.body.number: is required"]);
  });

  it("names a field of the wrong type, however deep", () => {
    expect(getPull({ ...faithfulPull(), draft: "yes" })).toEqual(["response.body.draft: must be boolean"]);
    const body = faithfulPull() as unknown as { head: { sha: unknown } };
    body.head.sha = 42;
    expect(getPull(body)).toEqual(["response.body.head.sha: must be string"]);
  });

  it("accepts null where GitHub's schema is nullable, and only there", () => {
    expect(getPull({ ...faithfulPull(), milestone: null, merged_at: null })).toEqual([]);
    expect(getPull({ ...faithfulPull(), title: null })).toEqual(["response.body.title: must be string"]);
  });

  it("refuses an operation Fleetgate does not use", () => {
    expect(validateExchange({ method: "GET", path: "/foo", status: 200, responseBody: {} })).toEqual(["GET /foo is not an operation Fleetgate uses"]);
    expect(validateExchange({ method: "DELETE", path: "/repos/acme/x/pulls/3", status: 204 })).toEqual(["DELETE /repos/acme/x/pulls/3 is not an operation Fleetgate uses"]);
  });

  it("checks a 422 against GitHub's validation error shape", () => {
    const create = { method: "POST", path: "/repos/acme/x/pulls", requestBody: { head: "fleetgate/x", base: "main", title: "t" }, status: 422 };
    const documented = { message: "Validation Failed", errors: [{ resource: "PullRequest", code: "custom", message: "A pull request already exists for acme:fleetgate/x." }], documentation_url: "https://docs.github.com/rest/pulls/pulls#create-a-pull-request" };
    expect(validateExchange({ ...create, responseBody: documented })).toEqual([]);
    expect(validateExchange({ ...create, responseBody: { error: "already exists" } })).toEqual([
      "response.body.message: is required", "response.body.documentation_url: is required",
    ]);
    expect(validateExchange({ ...create, responseBody: { ...documented, errors: "already exists" } })).toEqual(["response.body.errors: must be array"]);
  });

  it("checks the request: body, path and query parameters", () => {
    expect(validateExchange({ method: "POST", path: "/repos/acme/x/pulls", requestBody: { head: "h", title: "t" }, status: 422, responseBody: { message: "m", documentation_url: "d" } }))
      .toEqual(["request.body.base: is required"]);
    expect(validateExchange({ method: "POST", path: "/repos/acme/x/pulls", status: 422, responseBody: { message: "m", documentation_url: "d" } }))
      .toEqual(["request.body: is required by POST /repos/{owner}/{repo}/pulls"]);
    expect(validateExchange({ method: "GET", path: "/repos/acme/x/pulls/three", status: 404, responseBody: { message: "Not Found", documentation_url: "d" } }))
      .toEqual(["request.path.pull_number: must be integer"]);
    expect(validateExchange({ method: "GET", path: "/repos/acme/x/pulls?state=merged&per_page=100&colour=red", status: 200, responseBody: [] }))
      .toEqual(["request.query.colour: is not allowed", "request.query.state: must be one of \"open\", \"closed\", \"all\""]);
    expect(validateExchange({ method: "GET", path: "/repos/acme/x/pulls", query: { state: "closed", head: "acme:fleetgate/x" }, status: 200, responseBody: [] })).toEqual([]);
  });

  it("refuses a status the operation never answers, but not GitHub-wide limits and failures", () => {
    expect(getPull(faithfulPull(), 201)).toEqual(["response.status: GitHub's GET /repos/{owner}/{repo}/pulls/{pull_number} never answers 201 (it answers 200, 304, 404, 406, 500, 503)"]);
    const limited = { message: "You have exceeded a secondary rate limit.", documentation_url: "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api" };
    expect(validateExchange({ method: "POST", path: "/repos/acme/x/pulls", requestBody: { head: "h", base: "main" }, status: 429, responseBody: limited })).toEqual([]);
    expect(validateExchange({ method: "POST", path: "/repos/acme/x/pulls", requestBody: { head: "h", base: "main" }, status: 429, responseBody: "slow down" })).toEqual(["response.body: must be object"]);
    expect(validateExchange({ method: "POST", path: "/repos/acme/x/pulls", requestBody: { head: "h", base: "main" }, status: 502, responseBody: "<html>" })).toEqual([]);
  });

  it("refuses a body where HTTP allows none, and its absence where GitHub sends one", () => {
    expect(validateExchange({ method: "DELETE", path: "/installation/token", status: 204 })).toEqual([]);
    expect(validateExchange({ method: "DELETE", path: "/installation/token", status: 204, responseBody: { ok: true } }))
      .toEqual(["response.body: an HTTP 204 answer carries no body"]);
    expect(validateExchange({ method: "DELETE", path: "/repos/acme/x/git/refs/heads/gone", status: 422, responseBody: { message: "Reference does not exist" } })).toEqual([]);
    expect(getPull(undefined)).toEqual(["response.body: is required (GitHub answers GET /repos/{owner}/{repo}/pulls/{pull_number} 200 with JSON)"]);
  });

  it("reads multi-segment refs and prefers the more specific template", () => {
    const status = exampleFor("get", "/repos/{owner}/{repo}/commits/{ref}/status", 200);
    expect(validateExchange({ method: "GET", path: "/repos/acme/x/commits/feature/a/b/status", status: 200, responseBody: status.response })).toEqual([]);
    const ref = exampleFor("get", "/repos/{owner}/{repo}/git/ref/{ref}", 200);
    expect(validateExchange({ method: "GET", path: "/repos/acme/x/git/ref/heads/feature/x", status: 200, responseBody: ref.response })).toEqual([]);
    expect(validateExchange({ method: "GET", path: "/repos/acme/x/git/ref/heads%2Ffeature%2Fx", status: 200, responseBody: ref.response })).toEqual([]);
  });

  it("reads repeated response header values as one line, as HTTP does", () => {
    expect(validateExchange({ method: "GET", path: "/repos/acme/x/pulls", status: 200, responseHeaders: { Link: ["<a>; rel=\"next\"", "<b>; rel=\"last\""] }, responseBody: [] })).toEqual([]);
  });
});
