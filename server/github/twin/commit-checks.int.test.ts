// CI's side of the twin on any commit: check runs and statuses on the default branch's head (by sha or
// by branch name), each with the webhooks GitHub sends (check_run, check_suite once a suite completes,
// status), read back through the REST API (check runs, the combined status, commits with their
// parents); and a merge whose payload names the merge commit. Every exchange and webhook matches
// GitHub's published schemas.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startWebhookReceiver } from "../../../e2e/support/webhook-receiver";
import { branchSha, commitFiles, repositoryDir } from "./bare-repository";
import { deliveriesTo, startTwinFixture, type TwinFixture } from "./testing/twin-fixture";

let f: TwinFixture;
let hooks: Awaited<ReturnType<typeof startWebhookReceiver>>;
beforeAll(async () => {
  hooks = await startWebhookReceiver();
  f = await startTwinFixture({ webhookUrl: hooks.url });
});
afterEach(() => {
  expect(f.takeProblems()).toEqual([]);
});
afterAll(async () => {
  await f?.cleanup();
  await hooks?.close();
});

const human = (body: Record<string, unknown>) => f.call("POST", "/_twin/human", { body: { repo: "acme/widgets", user: "ci", ...body } });
const received = async (event: string) => {
  await f.twin.ctx.webhooks.idle();
  return deliveriesTo(hooks).filter((d) => d.headers["x-github-event"] === event).map((d) => d.body);
};

describe("checks on the default branch", () => {
  it("reports check runs on a branch's head, completes the suite once every run has, and reads them back", async () => {
    const main = await branchSha(repositoryDir(f.dataDir, "acme", "widgets"), "main");
    const queued = await human({ action: "set_commit_check", ref: "main", name: "build", status: "in_progress" });
    expect(queued).toMatchObject({ status: 200, body: { sha: main } });
    await human({ action: "set_commit_check", ref: main!, name: "lint", conclusion: "success" });
    expect((await received("check_suite")).filter((s) => s.check_suite.head_sha === main)).toEqual([]);
    await human({ action: "set_commit_check", ref: "main", name: "build", conclusion: "failure" });

    // A run reported completed at once is created completed, as GitHub sends it.
    const runs = (await received("check_run")).filter((r) => r.check_run.head_sha === main);
    expect(runs.map((r) => `${r.action} ${r.check_run.name} ${r.check_run.conclusion}`)).toEqual(["created build null", "created lint success", "completed lint success", "completed build failure"]);
    expect(runs.every((r) => r.check_run.check_suite.head_branch === "main" && r.check_run.pull_requests.length === 0)).toBe(true);
    const suites = (await received("check_suite")).filter((s) => s.check_suite.head_sha === main);
    // The suite's conclusion is its most severe run's.
    expect(suites.map((s) => [s.action, s.check_suite.status, s.check_suite.conclusion, s.check_suite.head_branch, s.check_suite.app.slug, s.check_suite.latest_check_runs_count])).toEqual([["completed", "completed", "failure", "main", "github-actions", 2]]);

    const auth = `token ${await f.token()}`;
    const listed = await f.call("GET", `/repos/acme/widgets/commits/${main}/check-runs`, { auth });
    expect(listed.body.check_runs.map((c: { name: string; conclusion: string }) => `${c.name} ${c.conclusion}`).sort()).toEqual(["build failure", "lint success"]);
  });

  it("reports statuses with the status webhook, combined as GitHub combines them", async () => {
    const dir = repositoryDir(f.dataDir, "acme", "widgets");
    const { after: sha } = await commitFiles(dir, { branch: "main", files: { "status.txt": "x\n" }, message: "Status target", author: { name: "A", email: "a@test" } });
    const auth = `token ${await f.token()}`;
    const combined = () => f.call("GET", `/repos/acme/widgets/commits/${sha}/status`, { auth }).then((r) => r.body);
    expect(await combined()).toMatchObject({ state: "pending", total_count: 0, statuses: [], sha });
    await human({ action: "set_status", ref: "main", state: "success", context: "ci/unit" });
    expect(await combined()).toMatchObject({ state: "success", total_count: 1 });
    await human({ action: "set_status", ref: sha, state: "failure", context: "ci/e2e", description: "2 failed" });
    await human({ action: "set_status", ref: sha, state: "pending", context: "ci/unit" });
    const now = await combined();
    expect(now.state).toBe("failure");
    expect(now.statuses.map((s: { context: string; state: string }) => `${s.context} ${s.state}`)).toEqual(["ci/unit pending", "ci/e2e failure"]);
    const statuses = (await received("status")).filter((s) => s.sha === sha);
    expect(statuses.map((s) => [s.context, s.state, s.branches.map((b: { name: string }) => b.name), s.commit.sha])).toEqual([
      ["ci/unit", "success", ["main"], sha], ["ci/e2e", "failure", ["main"], sha], ["ci/unit", "pending", ["main"], sha],
    ]);
  });

  it("refuses a commit that does not exist and a completed check without a conclusion", async () => {
    expect((await human({ action: "set_commit_check", ref: "no-such-branch", name: "build", conclusion: "success" })).status).toBe(422);
    expect((await human({ action: "set_status", ref: "0".repeat(40), state: "success" })).status).toBe(422);
    expect((await human({ action: "set_commit_check", ref: "main", name: "build" })).body.message).toMatch(/conclusion/);
    expect((await human({ action: "set_commit_check", ref: "--all", name: "build", conclusion: "success" })).status).toBe(422);
  });
});

describe("a merge", () => {
  it("names its merge commit in the closed payload, and the commit's first parent is the base it merged into", async () => {
    const dir = repositoryDir(f.dataDir, "acme", "widgets");
    const base = await branchSha(dir, "main");
    await commitFiles(dir, { branch: "m1", files: { "m1.txt": "x\n" }, message: "m1", author: { name: "Bot", email: "bot@test" }, parent: base });
    const auth = `token ${await f.token()}`;
    const pr = (await f.call("POST", "/repos/acme/widgets/pulls", { auth, body: { title: "M1", head: "m1", base: "main" } })).body;
    const merged = await human({ action: "merge", user: "alice", number: pr.number });
    const closed = (await received("pull_request")).find((p) => p.action === "closed" && p.number === pr.number)!;
    expect(closed.pull_request).toMatchObject({ merged: true, merge_commit_sha: merged.body.sha });
    const commit = (await f.call("GET", `/repos/acme/widgets/commits/${merged.body.sha}`, { auth })).body;
    expect(commit.parents.map((p: { sha: string }) => p.sha)[0]).toBe(base);
  });
});
