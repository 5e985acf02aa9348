// Fault injection, webhook delivery and redelivery, and the human's side, against a real twin
// and a real webhook receiver on loopback; and the process entry's one-line refusal.
import { spawn } from "node:child_process";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { branchSha, commitFiles, repositoryDir } from "./bare-repository";
import { deliveriesTo, startTwinFixture, type TwinFixture } from "./testing/twin-fixture";
import { startWebhookReceiver } from "../../../e2e/support/webhook-receiver";

let f: TwinFixture;
let hooks: Awaited<ReturnType<typeof startWebhookReceiver>>;
beforeAll(async () => {
  hooks = await startWebhookReceiver();
  f = await startTwinFixture({ webhookUrl: hooks.url });
});
// Every exchange and webhook of the test matched GitHub's published schemas.
afterEach(() => {
  expect(f.takeProblems()).toEqual([]);
});

afterAll(async () => {
  await f?.cleanup();
  await hooks?.close();
});

async function branch(name: string) {
  const dir = repositoryDir(f.dataDir, "acme", "widgets");
  await commitFiles(dir, { branch: name, files: { [`${name}.txt`]: "x\n" }, message: name, author: { name: "Bot", email: "bot@test" }, parent: await branchSha(dir, "main") });
}
const control = (method: string, route: string, body?: unknown) => f.call(method, `/_twin${route}`, { body });

describe("fault injection", () => {
  it("answers secondary limits with and without retry-after, then serves normally", async () => {
    await branch("f1");
    const auth = `token ${await f.token()}`;
    const create = () => f.call("POST", "/repos/acme/widgets/pulls", { auth, body: { title: "F1", head: "f1", base: "main" } });
    await control("POST", "/faults", { kind: "secondary-403", count: 1, retryAfter: 7 });
    await control("POST", "/faults", { kind: "secondary-429", count: 1 });
    await control("POST", "/faults", { kind: "too-quickly-422", count: 1 });
    const first = await create();
    expect(first.status).toBe(403);
    expect(first.headers.get("retry-after")).toBe("7");
    expect(first.body.message).toMatch(/secondary rate limit/);
    const second = await create();
    expect(second.status).toBe(429);
    expect(second.headers.get("retry-after")).toBeNull();
    const third = await create();
    expect(third.status).toBe(422);
    expect(third.body.errors[0].message).toBe("was submitted too quickly");
    // Reads are not content-creating: no fault applies to them.
    expect((await f.call("GET", "/repos/acme/widgets/pulls", { auth })).status).toBe(200);
    expect((await create()).status).toBe(201);
  });

  it("answers 502 after the pull request was in fact created; a retry gets the 422 and finds it", async () => {
    await branch("f2");
    const auth = `token ${await f.token()}`;
    await control("POST", "/faults", { kind: "502-after", count: 1 });
    const lost = await f.call("POST", "/repos/acme/widgets/pulls", { auth, body: { title: "F2", head: "f2", base: "main" } });
    expect(lost.status).toBe(502);
    const retry = await f.call("POST", "/repos/acme/widgets/pulls", { auth, body: { title: "F2", head: "f2", base: "main" } });
    expect(retry.status).toBe(422);
    expect((await f.call("GET", "/repos/acme/widgets/pulls?head=acme:f2", { auth })).body).toHaveLength(1);
  });

  it("drops the next webhook, and a redelivery sends it with the same delivery id", async () => {
    await branch("f3");
    const auth = `token ${await f.token()}`;
    await control("POST", "/faults", { kind: "drop-webhooks", count: 1 });
    const pr = await f.call("POST", "/repos/acme/widgets/pulls", { auth, body: { title: "F3", head: "f3", base: "main" } });
    await f.twin.ctx.webhooks.idle();
    expect(deliveriesTo(hooks).some((d) => d.body.number === pr.body.number)).toBe(false);
    const dropped = f.twin.ctx.store.data.deliveries.find((d) => d.event === "pull_request" && d.payload.number === pr.body.number)!;
    expect(dropped.dropped).toBe(true);

    const redeliver = await f.call("POST", `/app/hook/deliveries/${dropped.id}/attempts`, { auth: `Bearer ${f.jwt()}` });
    expect(redeliver.status).toBe(202);
    await f.twin.ctx.webhooks.idle();
    await f.call("POST", `/app/hook/deliveries/${dropped.id}/attempts`, { auth: `Bearer ${f.jwt()}` });
    await f.twin.ctx.webhooks.idle();
    const arrived = deliveriesTo(hooks).filter((d) => d.body.number === pr.body.number && d.body.action === "opened");
    expect(arrived).toHaveLength(2);
    expect(arrived.map((d) => d.headers["x-github-delivery"])).toEqual([dropped.guid, dropped.guid]);
  });
});

describe("the human's side", () => {
  it("reviews, pushes, checks, moves the base and merges, each with its webhook", async () => {
    await branch("h1");
    const auth = `token ${await f.token()}`;
    const pr = (await f.call("POST", "/repos/acme/widgets/pulls", { auth, body: { title: "H1", head: "h1", base: "main", draft: true } })).body;
    const human = (body: Record<string, unknown>) => control("POST", "/human", { repo: "acme/widgets", number: pr.number, ...body });
    expect((await human({ action: "request_changes", user: "bob", body: "please rename" })).status).toBe(200);
    const pushed = await human({ action: "push", user: "bob", files: { "h1.txt": "renamed\n" }, message: "Rename" });
    expect(pushed.body.sha).toMatch(/^[0-9a-f]{40}$/);
    expect((await f.call("GET", `/repos/acme/widgets/pulls/${pr.number}`, { auth })).body.head.sha).toBe(pushed.body.sha);
    await human({ action: "set_check", user: "ci", name: "build", conclusion: "failure" });
    const checks = await f.call("GET", `/repos/acme/widgets/commits/${pushed.body.sha}/check-runs`, { auth });
    expect(checks.body.check_runs.map((c: { name: string; conclusion: string }) => [c.name, c.conclusion])).toEqual([["build", "failure"]]);
    await human({ action: "ready_for_review", user: "bob" });
    await human({ action: "approve", user: "alice" });
    const base = await control("POST", "/human", { action: "move_base", repo: "acme/widgets", user: "carol", files: { "other.txt": "base moved\n" }, message: "Move main" });
    expect(base.status).toBe(200);
    const merged = await human({ action: "merge", user: "alice" });
    expect(merged.body.sha).toMatch(/^[0-9a-f]{40}$/);
    const after = (await f.call("GET", `/repos/acme/widgets/pulls/${pr.number}`, { auth })).body;
    expect(after).toMatchObject({ state: "closed", merged: true, merged_by: { login: "alice" } });

    await f.twin.ctx.webhooks.idle();
    const mine = deliveriesTo(hooks).filter((d) => d.body.pull_request?.number === pr.number || d.body.number === pr.number).map((d) => `${d.headers["x-github-event"]}.${d.body.action}${d.body.review ? `.${d.body.review.state}` : ""}`);
    expect(mine).toEqual(["pull_request.opened", "pull_request_review.submitted.changes_requested", "pull_request.synchronize", "pull_request.ready_for_review", "pull_request_review.submitted.approved", "pull_request.closed"]);
    expect(deliveriesTo(hooks).some((d) => d.headers["x-github-event"] === "check_run" && d.body.check_run.conclusion === "failure")).toBe(true);
  });
});

describe("the process entry", () => {
  it("stops with one line naming the variable when the configuration is bad", async () => {
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ["--import", "tsx", "workers/github-twin.ts"], { env: { PATH: process.env.PATH, GITHUB_TWIN_WEBHOOK_SECRET: "short" } as unknown as NodeJS.ProcessEnv, stdio: ["ignore", "ignore", "pipe"] });
      let err = "";
      child.stderr.on("data", (c: Buffer) => (err += c.toString()));
      child.on("close", (c) => resolve({ code: c, stderr: err }));
    });
    expect(code).toBe(64);
    expect(stderr.trim().split("\n")).toEqual(["github twin: GITHUB_TWIN_WEBHOOK_SECRET must be at least 16 characters"]);
  });
});
