// What the GitHub figures share: a twin in this process (its own data directory, every exchange
// observed with its time), one installation with repositories, Fleetgate's configuration pointing at
// it, a bench tenant whose repositories are reached through that installation, and succeeded runs
// made ready to publish (task, run and patch rows as a finished run leaves them; their agent part is
// figure (k)'s). Everything is removed by close().
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createHash } from "node:crypto";
import { db } from "../server/db/client";
import { overrideEnv } from "../server/env";
import { branchSha, repositoryDir } from "../server/github/twin/bare-repository";
import { ensureInstallation, ensureRepository } from "../server/github/twin/seed-twin";
import { startGithubTwin, type GithubTwin } from "../server/github/twin/start-github-twin";

export const BENCH_APP_ID = 4343;
export const BENCH_SECRET = "bench-webhook-secret-0123456789";

export type Exchange = { at: number; method: string; path: string; status: number; body: unknown };

export type GithubBench = {
  twin: GithubTwin;
  env: Record<string, string>;
  tenantId: string;
  installationId: string;
  repos: { id: string; name: string }[];
  exchanges: Exchange[];
  token(): Promise<string>;
  /** A succeeded draft_pr run of a new task adding one file to repos[i]. */
  succeededRun(repo: number, label: string): Promise<{ runId: string; taskId: string }>;
  close(): Promise<void>;
};

const WRITE = new Set(["POST", "PATCH", "PUT", "DELETE"]);
export const isContentWrite = (e: Exchange) => WRITE.has(e.method) && !e.path.startsWith("/app/") && !e.path.startsWith("/installation/token") && !e.path.startsWith("/_twin/");

export async function prepareGithubBench(slug: string, o: { repos: number; pace: { spacingMs: number; perMinute: number; perHour: number }; webhookUrl?: string }): Promise<GithubBench> {
  const dataDir = mkdtempSync(path.join(tmpdir(), `fleetgate-bench-twin-${slug}-`));
  const exchanges: Exchange[] = [];
  const twin = await startGithubTwin({
    dataDir, appId: BENCH_APP_ID, webhookSecret: BENCH_SECRET, webhookUrl: o.webhookUrl, firstId: 1_000_000 + Math.floor(Math.random() * 1_000_000) * 1_000,
    observe: { exchange: (e) => void exchanges.push({ at: Date.now(), method: e.method, path: e.path, status: e.status, body: e.responseBody }) },
  });
  const owner = `bench-${slug}`;
  const installation = await ensureInstallation(twin.ctx, { login: owner });
  const names = Array.from({ length: o.repos }, (_, i) => `repo-${i}`);
  for (const name of names) await ensureRepository(twin.ctx, { owner, name, files: { "README.md": `# ${name}\n`, "docs/index.md": "# Docs\n" } });
  const env = {
    GITHUB_APP_ID: String(BENCH_APP_ID), GITHUB_APP_PRIVATE_KEY_FILE: twin.privateKeyPath!, GITHUB_WEBHOOK_SECRET: BENCH_SECRET, GITHUB_API_URL: twin.url,
    GITHUB_WRITE_SPACING_MS: String(o.pace.spacingMs), GITHUB_CONTENT_PER_MINUTE: String(o.pace.perMinute), GITHUB_CONTENT_PER_HOUR: String(o.pace.perHour),
  };
  overrideEnv(env);

  const tenant = await db.tenant.create({ data: { slug: `bench-${slug}-${randomBytes(3).toString("hex")}`, name: `Bench ${slug}` }, select: { id: true } });
  const user = await db.user.create({ data: { email: `operator-${randomBytes(3).toString("hex")}@bench-${slug}.test`, name: "bench operator" } });
  await db.membership.create({ data: { tenantId: tenant.id, userId: user.id, roles: ["operator"] } });
  const row = await db.githubInstallation.create({ data: { githubId: installation.id, tenantId: tenant.id, accountLogin: owner, accountType: "Organization", repositorySelection: "all" } });
  const repos: { id: string; name: string }[] = [];
  for (const name of names) {
    const r = await db.repository.create({ data: { tenantId: tenant.id, owner, name, remoteUrl: `${twin.url}/${owner}/${name}.git`, verifierProfile: "none", githubInstallationId: row.id } });
    repos.push({ id: r.id, name });
  }
  const bases = new Map<string, string>();
  const baseOf = async (name: string) => {
    if (!bases.has(name)) bases.set(name, (await branchSha(repositoryDir(dataDir, owner, name), "main"))!);
    return bases.get(name)!;
  };

  return {
    twin, env, tenantId: tenant.id, installationId: row.id, repos, exchanges,
    async token() {
      const { signAppJwt } = await import("../server/github/twin/app-jwt");
      const { readFileSync } = await import("node:fs");
      const jwt = signAppJwt(readFileSync(twin.privateKeyPath!, "utf8"), BENCH_APP_ID);
      const res = await fetch(`${twin.url}/app/installations/${installation.id}/access_tokens`, { method: "POST", headers: { authorization: `Bearer ${jwt}`, accept: "application/vnd.github+json" } });
      return ((await res.json()) as { token: string }).token;
    },
    async succeededRun(i, label) {
      const repo = repos[i]!;
      const file = `docs/${label}.md`;
      const patch = `diff --git a/${file} b/${file}\nnew file mode 100644\n--- /dev/null\n+++ b/${file}\n@@ -0,0 +1 @@\n+${label}\n`;
      const task = await db.task.create({ data: { tenantId: tenant.id, repositoryId: repo.id, taskClass: "docs_update", agentKind: "recipe", recipe: "", instruction: `Document ${label}`, autonomy: "draft_pr", requesterId: user.id, requesterLabel: user.email } });
      const now = new Date();
      const run = await db.run.create({
        data: {
          tenantId: tenant.id, taskId: task.id, repositoryId: repo.id, taskClass: "docs_update", requesterLabel: user.email, state: "succeeded", baseSha: await baseOf(repo.name),
          effectivePolicyHash: "bench", startedAt: now, finishedAt: now, verifierReport: { profile: "none", results: [] }, diffStats: { files: 1, added: 1, removed: 0 },
        },
      });
      await db.runArtifact.create({ data: { tenantId: tenant.id, runId: run.id, kind: "patch", content: patch, size: Buffer.byteLength(patch), sha256: createHash("sha256").update(patch).digest("hex") } });
      return { runId: run.id, taskId: task.id };
    },
    async close() {
      await twin.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The most content-creating requests the twin answered within any window of `ms` (a sliding window over their times). */
export function mostInWindow(times: number[], ms: number): number {
  const t = [...times].sort((a, b) => a - b);
  let most = 0;
  let lo = 0;
  for (let hi = 0; hi < t.length; hi++) {
    while (t[hi]! - t[lo]! >= ms) lo++;
    most = Math.max(most, hi - lo + 1);
  }
  return most;
}
