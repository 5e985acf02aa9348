// The installation client against the twin: a secondary limit's answer is waited out and the write
// tried again, each attempt taking its own turn in the installation's pace and counted; the limit's
// retry-after holds the next write of the installation, whoever sends it, without the refused write
// keeping the turn meanwhile.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { overrideEnv } from "../env";
import { createTestTenant } from "../test/create-tenant";
import { branchSha, commitFiles, repositoryDir } from "./twin/bare-repository";
import { APP_ID, SECRET, startTwinFixture, type TwinFixture } from "./twin/testing/twin-fixture";
import { installationClient, limitPause } from "./installation-client";

let f: TwinFixture;
let installationId: string;

const branch = async (name: string) => {
  const dir = repositoryDir(f.dataDir, "acme", "widgets");
  await commitFiles(dir, { branch: name, files: { [`${name}.md`]: `${name}\n` }, message: name, author: { name: "t", email: "t@example.test" }, parent: (await branchSha(dir, "main"))! });
};

beforeAll(async () => {
  f = await startTwinFixture();
  overrideEnv({ GITHUB_APP_ID: String(APP_ID), GITHUB_APP_PRIVATE_KEY_FILE: f.twin.privateKeyPath!, GITHUB_WEBHOOK_SECRET: SECRET, GITHUB_API_URL: f.twin.url, GITHUB_WRITE_SPACING_MS: "0" });
  const tenant = await createTestTenant("client");
  installationId = (await db.githubInstallation.create({ data: { githubId: f.installationId, tenantId: tenant.id, accountLogin: "acme", accountType: "Organization", repositorySelection: "all" } })).id;
});

afterAll(async () => {
  await db.githubWrite.deleteMany({ where: { installationId } });
  await f.cleanup();
});

describe("the installation client", () => {
  it("waits out a secondary limit's retry-after, then tries again; both attempts are counted, and another caller's write waits too", async () => {
    await branch("limited");
    await branch("other");
    const token = await f.token();
    const a = installationClient(f.twin.url, token, installationId);
    const b = installationClient(f.twin.url, token, installationId);
    f.twin.ctx.faults.add({ kind: "secondary-403", count: 1, retryAfter: 1 });
    // The moment the refusal is answered, another caller of the installation asks to write.
    let other: Promise<unknown> | undefined;
    const observe = f.twin.ctx.observe.exchange!;
    f.twin.ctx.observe.exchange = (e) => {
      observe(e);
      if (e.status === 403 && !other) other = b.request("POST /repos/{owner}/{repo}/pulls", { owner: "acme", repo: "widgets", title: "other", head: "other", base: "main" });
    };
    try {
      const pr = await a.request("POST /repos/{owner}/{repo}/pulls", { owner: "acme", repo: "widgets", title: "limited", head: "limited", base: "main" });
      expect(pr.status).toBe(201);
      expect(other).toBeDefined();
      expect((await other!) as { status: number }).toMatchObject({ status: 201 });
    } finally {
      f.twin.ctx.observe.exchange = observe;
    }
    const writes = await db.githubWrite.findMany({ where: { installationId }, orderBy: { at: "asc" } });
    expect(writes.map((w) => w.route)).toEqual(Array(3).fill("POST /repos/acme/widgets/pulls"));
    // The refused attempt came first; whatever went next (the other caller's write or the retry) waited its retry-after.
    expect(writes[1]!.at.getTime() - writes[0]!.at.getTime()).toBeGreaterThanOrEqual(1_000);
    expect(f.takeProblems()).toEqual([]);
  });

  it("reads a limit's pause from its answer: retry-after, GitHub's 60 s for a secondary limit naming none, a primary limit's reset", async () => {
    const answer = (status: number, headers: Record<string, string> = {}, message = "") => new Response(JSON.stringify({ message }), { status, headers });
    expect(await limitPause(answer(201))).toBe(0);
    expect(await limitPause(answer(403, { "retry-after": "7" }))).toBe(7_000);
    expect(await limitPause(answer(403, {}, "You have exceeded a secondary rate limit."))).toBe(60_000);
    expect(await limitPause(answer(429))).toBe(60_000);
    // Until the reset, however long the machine took to get there.
    const before = Date.now();
    const reset = Math.floor(before / 1000) + 30;
    const primary = await limitPause(answer(403, { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(reset) }, "API rate limit exceeded"));
    const after = Date.now();
    expect(primary).toBeGreaterThanOrEqual(reset * 1000 - after);
    expect(primary).toBeLessThanOrEqual(reset * 1000 - before);
    expect(await limitPause(answer(403, {}, "Resource not accessible by integration"))).toBe(0);
  });
});
