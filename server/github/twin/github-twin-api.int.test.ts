// The twin's REST API against a real twin on loopback: the app JWT's rules, installation tokens
// and their grants, repositories and pull requests (one per head branch), reviews and merging,
// and state that survives a restart.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { branchSha, commitFiles, repositoryDir } from "./bare-repository";
import { startTwinFixture, type TwinFixture } from "./testing/twin-fixture";

let f: TwinFixture;
beforeAll(async () => {
  f = await startTwinFixture();
});
// Every exchange and webhook of the test matched GitHub's published schemas.
afterEach(() => {
  expect(f.takeProblems()).toEqual([]);
});

afterAll(async () => {
  await f?.cleanup();
});

/** A new branch off main with one commit changing src/index.js. */
async function branchFromMain(repo: string, branch: string, content: string) {
  const dir = repositoryDir(f.dataDir, "acme", repo);
  const main = await branchSha(dir, "main");
  return commitFiles(dir, { branch, files: { "src/index.js": content }, message: `change on ${branch}`, author: { name: "Bot", email: "bot@test" }, parent: main });
}

describe("app JWT", () => {
  it("answers GET /app with a valid JWT and 401 with GitHub's error body otherwise", async () => {
    const ok = await f.call("GET", "/app", { auth: `Bearer ${f.jwt()}` });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ id: 4242, slug: "fleetgate" });
    expect(ok.headers.get("x-ratelimit-limit")).toBe("5000");

    const now = Math.floor(Date.now() / 1000);
    const expired = await f.call("GET", "/app", { auth: `Bearer ${f.jwt({ iat: now - 700, exp: now - 100 })}` });
    expect(expired.status).toBe(401);
    expect(expired.body).toEqual({ message: expect.stringContaining("'Expiration time'"), documentation_url: expect.any(String), status: "401" });

    const tooLong = await f.call("GET", "/app", { auth: `Bearer ${f.jwt({ iat: now, exp: now + 3600 })}` });
    expect(tooLong.status).toBe(401);
    expect(tooLong.body.message).toContain("too far in the future");

    const forged = f.jwt().replace(/\.[^.]+$/, ".AAAA");
    expect((await f.call("GET", "/app", { auth: `Bearer ${forged}` })).status).toBe(401);
    expect((await f.call("GET", "/app")).status).toBe(401);
  });

  it("lists installations and refuses a token minted for an unknown one", async () => {
    const list = await f.call("GET", "/app/installations", { auth: `Bearer ${f.jwt()}` });
    expect(list.body.map((i: { account: { login: string } }) => i.account.login)).toEqual(["acme"]);
    expect((await f.call("POST", "/app/installations/999999/access_tokens", { auth: `Bearer ${f.jwt()}` })).status).toBe(404);
  });
});

describe("installation tokens", () => {
  it("mints a one-hour ghs_ token narrowed to repositories and permissions, never wider", async () => {
    const r = await f.call("POST", `/app/installations/${f.installationId}/access_tokens`, { auth: `Bearer ${f.jwt()}`, body: { repositories: ["widgets"], permissions: { contents: "read", pull_requests: "write" } } });
    expect(r.status).toBe(201);
    expect(r.body.token).toMatch(/^ghs_[A-Za-z0-9]+$/);
    expect(Date.parse(r.body.expires_at) - Date.now()).toBeGreaterThan(59 * 60 * 1000);
    expect(r.body.repository_selection).toBe("selected");
    expect(r.body.repositories.map((x: { full_name: string }) => x.full_name)).toEqual(["acme/widgets"]);
    expect(r.body.permissions).toEqual({ contents: "read", pull_requests: "write", metadata: "read" });

    const wider = await f.call("POST", `/app/installations/${f.installationId}/access_tokens`, { auth: `Bearer ${f.jwt()}`, body: { permissions: { administration: "write" } } });
    expect(wider.status).toBe(422);
    const foreign = await f.call("POST", `/app/installations/${f.installationId}/access_tokens`, { auth: `Bearer ${f.jwt()}`, body: { repositories: ["not-there"] } });
    expect(foreign.status).toBe(422);

    const token = r.body.token as string;
    expect((await f.call("GET", "/repos/acme/widgets", { auth: `token ${token}` })).status).toBe(200);
    // Outside the grant: not found, as a missing repository.
    expect((await f.call("GET", "/repos/acme/gadgets", { auth: `token ${token}` })).status).toBe(404);
    // Inside it but without the permission: GitHub's 403.
    const noChecks = await f.call("POST", "/repos/acme/widgets/check-runs", { auth: `token ${token}`, body: { name: "ci", head_sha: "a".repeat(40) } });
    expect(noChecks.status).toBe(403);
    expect(noChecks.body.message).toBe("Resource not accessible by integration");

    const installationRepos = await f.call("GET", "/installation/repositories", { auth: `Bearer ${token}` });
    expect(installationRepos.body.total_count).toBe(1);
  });

  it("answers 401 once a token is revoked, and for a token it never issued", async () => {
    const token = await f.token();
    expect((await f.call("DELETE", "/installation/token", { auth: `token ${token}` })).status).toBe(204);
    const after = await f.call("GET", "/repos/acme/widgets", { auth: `token ${token}` });
    expect(after.status).toBe(401);
    expect(after.body.message).toBe("Bad credentials");
    expect((await f.call("GET", "/repos/acme/widgets", { auth: "token ghs_neverissued" })).status).toBe(401);
  });

  it("answers 401 for an expired token", async () => {
    const token = await f.token();
    const stored = f.twin.ctx.store.data.tokens.find((t) => t.token === token)!;
    stored.expiresAt = new Date(Date.now() - 1000).toISOString();
    expect((await f.call("GET", "/repos/acme/widgets", { auth: `token ${token}` })).status).toBe(401);
  });
});

describe("pull requests", () => {
  it("creates one pull request per head branch and answers GitHub's 422 for a second", async () => {
    await branchFromMain("widgets", "fleetgate/fix/one", "module.exports = 2;\n");
    const auth = `token ${await f.token()}`;
    const created = await f.call("POST", "/repos/acme/widgets/pulls", { auth, body: { title: "Fix one", head: "fleetgate/fix/one", base: "main", body: "An agent did this.", draft: true } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ number: 1, state: "open", draft: true, merged: false, title: "Fix one", head: { ref: "fleetgate/fix/one" }, base: { ref: "main" }, user: { login: "fleetgate[bot]", type: "Bot" }, commits: 1, additions: 1, deletions: 1, changed_files: 1 });

    const again = await f.call("POST", "/repos/acme/widgets/pulls", { auth, body: { title: "Fix one", head: "acme:fleetgate/fix/one", base: "main" } });
    expect(again.status).toBe(422);
    expect(again.body).toMatchObject({ message: "Validation Failed", errors: [{ resource: "PullRequest", code: "custom", message: "A pull request already exists for acme:fleetgate/fix/one." }] });

    const found = await f.call("GET", "/repos/acme/widgets/pulls?state=open&head=acme:fleetgate/fix/one", { auth });
    expect(found.body.map((p: { number: number }) => p.number)).toEqual([1]);
    expect((await f.call("GET", "/repos/acme/widgets/pulls?head=acme:other", { auth })).body).toEqual([]);
    expect((await f.call("GET", "/repos/acme/widgets/pulls/77", { auth })).status).toBe(404);
  });

  it("labels, requests reviewers, refuses the app's own approval, and merges once a human approves", async () => {
    f.twin.ctx.store.data.repositories.find((r) => r.name === "widgets")!.requiredApprovals = 1;
    await branchFromMain("widgets", "fleetgate/fix/two", "module.exports = 3;\n");
    const auth = `token ${await f.token()}`;
    const pr = (await f.call("POST", "/repos/acme/widgets/pulls", { auth, body: { title: "Fix two", head: "fleetgate/fix/two", base: "main" } })).body;
    const labels = await f.call("POST", `/repos/acme/widgets/issues/${pr.number}/labels`, { auth, body: { labels: ["agent-generated", "agent:risk-low"] } });
    expect(labels.body.map((l: { name: string }) => l.name)).toEqual(["agent-generated", "agent:risk-low"]);
    const requested = await f.call("POST", `/repos/acme/widgets/pulls/${pr.number}/requested_reviewers`, { auth, body: { reviewers: ["alice"] } });
    expect(requested.body.requested_reviewers.map((u: { login: string }) => u.login)).toEqual(["alice"]);

    const own = await f.call("POST", `/repos/acme/widgets/pulls/${pr.number}/reviews`, { auth, body: { event: "APPROVE" } });
    expect(own.status).toBe(422);
    const blocked = await f.call("PUT", `/repos/acme/widgets/pulls/${pr.number}/merge`, { auth, body: {} });
    expect(blocked.status).toBe(405);
    expect((await f.call("GET", `/repos/acme/widgets/pulls/${pr.number}`, { auth })).body.mergeable_state).toBe("blocked");

    const { submitReview } = await import("./routes-pulls");
    const repo = f.twin.ctx.store.data.repositories.find((r) => r.name === "widgets")!;
    const pull = f.twin.ctx.store.data.pulls.find((p) => p.repositoryId === repo.id && p.number === pr.number)!;
    await submitReview(f.twin.ctx, repo, pull, { event: "APPROVE" }, "alice");

    const stale = await f.call("PUT", `/repos/acme/widgets/pulls/${pr.number}/merge`, { auth, body: { sha: "b".repeat(40) } });
    expect(stale.status).toBe(409);
    const merged = await f.call("PUT", `/repos/acme/widgets/pulls/${pr.number}/merge`, { auth, body: { merge_method: "squash" } });
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({ merged: true, sha: expect.stringMatching(/^[0-9a-f]{40}$/) });
    const after = (await f.call("GET", `/repos/acme/widgets/pulls/${pr.number}`, { auth })).body;
    expect(after).toMatchObject({ state: "closed", merged: true, merge_commit_sha: merged.body.sha, merged_by: { login: "fleetgate[bot]" } });
    const main = await f.call("GET", "/repos/acme/widgets/git/ref/heads/main", { auth });
    expect(main.body.object.sha).toBe(merged.body.sha);
    repo.requiredApprovals = 0;
  });

  it("keeps its state across a restart", async () => {
    const before = (await f.call("GET", "/repos/acme/widgets/pulls?state=all", { auth: `token ${await f.token()}` })).body.length;
    const token = await f.token();
    await f.restart();
    expect((await f.call("GET", "/repos/acme/widgets/pulls?state=all", { auth: `token ${token}` })).body).toHaveLength(before);
  });

  it("answers GitHub's 404 body for an unknown route", async () => {
    const r = await f.call("GET", "/nothing/here");
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({ message: "Not Found", status: "404" });
    // The check sees it too: GitHub has no such operation, so the exchange is not GitHub's.
    expect(f.takeProblems()).toEqual(["GET /nothing/here -> 404: GET /nothing/here is not an operation Fleetgate uses"]);
  });
});
