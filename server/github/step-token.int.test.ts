// Step tokens against the twin: narrowed to one repository and the step's permissions, and revocable
// by whoever holds them.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createGithubApp, tokenClient } from "./github-app";
import { mintStepToken, revokeStepToken, STEP_PERMISSIONS } from "./step-token";
import { APP_ID, startTwinFixture, type TwinFixture } from "./twin/testing/twin-fixture";

let f: TwinFixture;
let app: ReturnType<typeof createGithubApp>;
const widgets = { owner: "acme", name: "widgets" };
const status = async (p: Promise<unknown>) => p.then(() => 200, (e: { status?: number }) => e.status);

beforeAll(async () => {
  f = await startTwinFixture();
  app = createGithubApp({ appId: APP_ID, privateKey: f.privateKey, webhookSecret: "0123456789abcdef", apiUrl: f.twin.url });
});

afterEach(() => {
  expect(f.takeProblems()).toEqual([]);
});

afterAll(async () => {
  await f.cleanup();
});

describe("step tokens", () => {
  it("are narrowed to one repository and the step's permissions", async () => {
    const t = await mintStepToken(app, f.installationId, widgets, STEP_PERMISSIONS.open_pr);
    expect(t.token).toMatch(/^ghs_[A-Za-z0-9]+$/);
    expect(t.permissions).toEqual(STEP_PERMISSIONS.open_pr);
    expect(t.expiresAt.getTime()).toBeGreaterThan(Date.now() + 50 * 60_000);
    const client = tokenClient(f.twin.url, t.token);
    expect(await status(client.request("GET /repos/{owner}/{repo}", { owner: "acme", repo: "widgets", request: { retries: 0 } }))).toBe(200);
    // Another repository of the same installation is outside the grant: 404, as GitHub answers.
    expect(await status(client.request("GET /repos/{owner}/{repo}", { owner: "acme", repo: "gadgets", request: { retries: 0 } }))).toBe(404);
    // A push step's token cannot open a pull request.
    const push = tokenClient(f.twin.url, (await mintStepToken(app, f.installationId, widgets, STEP_PERMISSIONS.push)).token);
    expect(await status(push.request("POST /repos/{owner}/{repo}/pulls", { owner: "acme", repo: "widgets", title: "x", head: "main", base: "main", request: { retries: 0 } }))).toBe(403);
  });

  it("are revoked by whoever holds them; a revoked token answers 401, and revoking again says it already was", async () => {
    const t = await mintStepToken(app, f.installationId, widgets, STEP_PERMISSIONS.read_state);
    expect(await revokeStepToken(f.twin.url, t.token)).toBe(true);
    expect(await status(tokenClient(f.twin.url, t.token).request("GET /repos/{owner}/{repo}", { owner: "acme", repo: "widgets", request: { retries: 0 } }))).toBe(401);
    expect(await revokeStepToken(f.twin.url, t.token)).toBe(false);
  });
});
