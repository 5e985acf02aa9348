// Real git clients against the twin's smart HTTP (git http-backend): clone and push with an
// installation token as `x-access-token`, refused as GitHub refuses, and the twin's view (branch
// heads, the open pull request's head, push and synchronize webhooks) following a push.
import { createHmac } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { runGit } from "./run-git";
import { deliveriesTo, SECRET, startTwinFixture, type TwinFixture } from "./testing/twin-fixture";
import { startWebhookReceiver } from "../../../e2e/support/webhook-receiver";

let f: TwinFixture;
let hooks: Awaited<ReturnType<typeof startWebhookReceiver>>;
let work: string;

beforeAll(async () => {
  hooks = await startWebhookReceiver();
  f = await startTwinFixture({ webhookUrl: hooks.url });
  work = await mkdtemp(path.join(os.tmpdir(), "github-twin-git-"));
});
// Every exchange and webhook of the test matched GitHub's published schemas.
afterEach(() => {
  expect(f.takeProblems()).toEqual([]);
});

afterAll(async () => {
  await f?.cleanup();
  await hooks?.close();
  await rm(work, { recursive: true, force: true });
});

const remote = (token: string, repo = "widgets") => `${f.twin.url.replace("http://", `http://x-access-token:${token}@`)}/acme/${repo}.git`;
const client = (args: string[], cwd = work) => runGit(["-c", "user.name=Agent", "-c", "user.email=agent@test", "-c", "credential.helper=", ...args], { cwd, env: { GIT_TERMINAL_PROMPT: "0" } });

describe("git smart HTTP", () => {
  it("clones with a contents:read token and pushes with contents:write; the twin follows the push", async () => {
    const clone = await client(["clone", remote(await f.token({ permissions: { contents: "read" } })), "w1"]);
    expect(clone.code, clone.stderr).toBe(0);
    const dir = path.join(work, "w1");
    expect((await runGit(["log", "--format=%s"], { cwd: dir })).stdout.trim()).toBe("Initial import of acme/widgets");

    // A read-only token may not push: GitHub's 403.
    await client(["checkout", "-b", "fleetgate/deps/abc"], dir);
    await writeFile(path.join(dir, "src/index.js"), "module.exports = 42;\n");
    await client(["commit", "-qam", "Bump the answer"], dir);
    const denied = await client(["push", "origin", "fleetgate/deps/abc"], dir);
    expect(denied.code).not.toBe(0);
    expect(denied.stderr).toMatch(/403/);

    const writeToken = await f.token({ repositories: ["widgets"], permissions: { contents: "write", pull_requests: "write" } });
    const pushed = await client(["push", remote(writeToken), "fleetgate/deps/abc"], dir);
    expect(pushed.code, pushed.stderr).toBe(0);
    const head = (await runGit(["rev-parse", "HEAD"], { cwd: dir })).stdout.trim();
    const ref = await f.call("GET", "/repos/acme/widgets/git/ref/heads/fleetgate/deps/abc", { auth: `token ${writeToken}` });
    expect(ref.body.object.sha).toBe(head);

    // Open a pull request, push again: its head follows and a synchronize webhook goes out.
    const pr = await f.call("POST", "/repos/acme/widgets/pulls", { auth: `token ${writeToken}`, body: { title: "Bump", head: "fleetgate/deps/abc", base: "main" } });
    expect(pr.status).toBe(201);
    await writeFile(path.join(dir, "src/index.js"), "module.exports = 43;\n");
    await client(["commit", "-qam", "Bump again"], dir);
    expect((await client(["push", remote(writeToken), "fleetgate/deps/abc"], dir)).code).toBe(0);
    const newHead = (await runGit(["rev-parse", "HEAD"], { cwd: dir })).stdout.trim();
    expect((await f.call("GET", `/repos/acme/widgets/pulls/${pr.body.number}`, { auth: `token ${writeToken}` })).body.head.sha).toBe(newHead);

    await f.twin.ctx.webhooks.idle();
    const events = deliveriesTo(hooks).map((d) => `${d.headers["x-github-event"]}${d.body.action ? `.${d.body.action}` : ""}`);
    expect(events).toEqual(expect.arrayContaining(["push", "pull_request.opened", "pull_request.synchronize"]));
    const sync = deliveriesTo(hooks).find((d) => d.body.action === "synchronize")!;
    expect(sync.body).toMatchObject({ number: pr.body.number, after: newHead, pull_request: { head: { sha: newHead } }, installation: { id: f.installationId } });
    const lastPush = deliveriesTo(hooks).filter((d) => d.headers["x-github-event"] === "push").at(-1)!;
    expect(lastPush.body).toMatchObject({ ref: "refs/heads/fleetgate/deps/abc", after: newHead, commits: [{ id: newHead, message: "Bump again" }] });
    for (const d of deliveriesTo(hooks)) {
      expect(d.headers["x-hub-signature-256"]).toBe(`sha256=${createHmac("sha256", SECRET).update(d.raw).digest("hex")}`);
      expect(d.headers["x-github-delivery"]).toMatch(/^[0-9a-f-]{36}$/);
      expect(d.headers["user-agent"]).toMatch(/^GitHub-Hookshot\//);
      expect(d.headers["x-github-hook-installation-target-type"]).toBe("integration");
    }
  });

  it("refuses a missing, revoked or foreign-repository token", async () => {
    const none = await client(["ls-remote", `${f.twin.url}/acme/widgets.git`]);
    expect(none.code).not.toBe(0);

    const token = await f.token();
    await f.call("DELETE", "/installation/token", { auth: `token ${token}` });
    const revoked = await client(["ls-remote", remote(token)]);
    expect(revoked.code).not.toBe(0);
    expect(revoked.stderr).toMatch(/Authentication failed/);

    const narrow = await f.token({ repositories: ["gadgets"] });
    const foreign = await client(["ls-remote", remote(narrow, "widgets")]);
    expect(foreign.code).not.toBe(0);
    expect(foreign.stderr).toMatch(/not found/i);
    expect((await client(["ls-remote", remote(narrow, "gadgets")])).code).toBe(0);
  });
});
