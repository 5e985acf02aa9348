// The demo on the GitHub twin (the embedded GitHub of `npm run up` and of the e2e tier): each demo
// owner (acme, globex) is an organization that installed the App, bound to its demo tenant; each demo
// repository lives on the twin, its `main` the project's fixed commit (the same SHA on every machine,
// pushed over git's smart HTTP with a narrowed token), and the tenant's repository row is mapped to it
// (installation, GitHub id, clone URL). Then the demo tenant's agent pull requests are published
// through Fleetgate's own publishing path and taken to their states, and its campaigns are written
// across its fleet (prisma/demo/campaigns). Last, the demo tenants' cost history (prisma/demo/cost):
// weeks of priced model usage, sandbox and verifier time on the runs above and on model-agent runs of
// its own, acme's prices and budgets. Idempotent: every part finds what a previous seed made and
// adds only what is missing.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { appendAuditEvent } from "../../../server/audit/append-event";
import { inPool } from "../../../server/core/in-pool";
import { db } from "../../../server/db/client";
import { remoteGit } from "../../../server/github/publish/remote-git";
import { publishRun } from "../../../server/github/publish/publish-run";
import { mintStepToken, revokeStepToken, STEP_PERMISSIONS } from "../../../server/github/step-token";
import { requireGithubApp } from "../../../server/github/token-leases";
import { ensureDemoRemotes } from "../../../server/repositories/demo-remotes";
import { branchFor } from "../../../server/github/pull-request-text";
import { seedDemoCampaigns } from "../campaigns/seed-demo-campaigns";
import { seedDemoCost } from "../cost/seed-demo-cost";
import { applyDemoSteps, twinPullOnBranch } from "./apply-demo-steps";
import { DEMO_PULL_REQUESTS, type DemoPullRequest } from "./demo-pull-requests";
import { demoId, ensureDemoRun, type DemoRepository } from "./seed-demo-run";
import { twinControl, type TwinControl } from "./twin-control";

export type DemoTenant = { slug: string; repos: { owner: string; name: string }[] };

const SEED = "seed";

/** Pushes the project's fixed commit as `main` of a twin repository that has none; leaves one that has a main alone. */
async function ensureMain(owner: string, name: string, installationGithubId: number, url: string, local: string): Promise<boolean> {
  const { app, config } = requireGithubApp();
  const minted = await mintStepToken(app, installationGithubId, { owner, name }, STEP_PERMISSIONS.push);
  try {
    const git = (args: string[]) => remoteGit(args, { cwd: local, remote: url, token: minted.token });
    if ((await git(["ls-remote", "--", url, "refs/heads/main"])).stdout.trim()) return false;
    await git(["push", "--quiet", "--", url, "refs/heads/main:refs/heads/main"]);
    return true;
  } finally {
    await revokeStepToken(config.apiUrl, minted.token).catch(() => undefined);
  }
}

/** The installation's row, bound to the tenant; refuses one that another tenant has. */
async function ensureInstallationRow(tenantId: string, githubId: number, login: string): Promise<{ id: string; created: boolean }> {
  return db.$transaction(async (tx) => {
    const found = await tx.githubInstallation.findUnique({ where: { githubId: BigInt(githubId) } });
    if (found && found.tenantId && found.tenantId !== tenantId) throw new Error(`the twin's installation ${githubId} (${login}) is bound to another tenant; the demo cannot take it (start the twin afresh: delete its data directory)`);
    if (found && found.tenantId === tenantId && !found.deletedAt) return { id: found.id, created: false };
    const facts = { accountLogin: login, accountType: "Organization", repositorySelection: "all", tenantId, boundByLabel: SEED, boundAt: new Date(), syncedAt: new Date(), deletedAt: null, suspendedAt: null };
    const row = found ? await tx.githubInstallation.update({ where: { id: found.id }, data: facts }) : await tx.githubInstallation.create({ data: { githubId: BigInt(githubId), ...facts } });
    await appendAuditEvent(tx, { tenantId, actorType: "system", actorLabel: SEED, action: "github.installation.bind", resourceType: "github_installation", resourceId: row.id, after: { githubId, account: login, via: "demo seed" } });
    return { id: row.id, created: !found };
  });
}

/** Maps the tenant's repository row onto the twin's repository; answers whether it changed. */
async function mapRepository(tenantId: string, owner: string, name: string, data: { githubInstallationId: string; githubRepoId: bigint; remoteUrl: string }): Promise<DemoRepository & { changed: boolean }> {
  return db.$transaction(async (tx) => {
    const row = await tx.repository.findUniqueOrThrow({ where: { tenantId_provider_owner_name: { tenantId, provider: "github", owner, name } }, include: { team: { select: { slug: true } }, githubInstallation: { select: { githubId: true } } } });
    const changed = row.githubInstallationId !== data.githubInstallationId || row.githubRepoId !== data.githubRepoId || row.remoteUrl !== data.remoteUrl;
    if (changed) {
      await tx.repository.update({ where: { id: row.id }, data });
      await appendAuditEvent(tx, { tenantId, actorType: "system", actorLabel: SEED, action: "repository.update", resourceType: "repository", resourceId: row.id, before: { remoteUrl: row.remoteUrl }, after: { remoteUrl: data.remoteUrl, githubRepoId: Number(data.githubRepoId), via: "demo seed" } });
    }
    const installation = await tx.githubInstallation.findUniqueOrThrow({ where: { id: data.githubInstallationId }, select: { githubId: true } });
    return { id: row.id, tenantId, owner, name, remoteUrl: data.remoteUrl, installationGithubId: installation.githubId, verifierProfile: row.verifierProfile, team: row.team, changed };
  });
}

/** One demo pull request: its run, its publication (Fleetgate's own path), then what people did. */
async function ensurePullRequest(spec: DemoPullRequest, twin: TwinControl, repo: DemoRepository): Promise<number> {
  const requester = await db.user.findUniqueOrThrow({ where: { email: `${spec.requester.replaceAll("_", "-")}@${spec.tenant}.test` }, select: { id: true, email: true } });
  const taskId = demoId("task", spec.key);
  const branch = branchFor({ id: taskId, taskClass: spec.taskClass });
  // The twin and the database must hold the demo together: one kept while the other was deleted cannot be
  // brought back in step (a merged PR stays merged), so the seed says so and leaves that PR out.
  const stale = (why: string) => {
    console.warn(`fleetgate: seed: the demo pull request on ${repo.owner}/${repo.name} (${branch}) is left out: ${why}; to seed the demo afresh, delete .data/github-twin and drop the database`);
    return 0;
  };
  const onTwin = await twinPullOnBranch(repo, branch);
  if (!(await db.task.findUnique({ where: { id: taskId }, select: { id: true } })) && onTwin !== null) return stale(`the GitHub twin has it (#${onTwin}) from an earlier database`);
  const { runId } = await ensureDemoRun(spec, repo, requester);
  let created = 0;
  const before = await db.changeset.findUnique({ where: { taskId } });
  if (before?.prNumber != null && onTwin !== before.prNumber) return stale(`the database has #${before.prNumber} but the GitHub twin does not (was .data/github-twin deleted?)`);
  if (!before || before.prNumber === null || before.state === "publishing") {
    const outcome = await publishRun(runId);
    if (!/^(draft PR #\d+|already published as PR #\d+)$/.test(outcome)) throw new Error(`demo pull request ${spec.key} on ${repo.owner}/${repo.name} was not published: ${outcome}`);
    created++;
  }
  const cs = await db.changeset.findUniqueOrThrow({ where: { taskId } });
  return created + (await applyDemoSteps(spec.steps, twin, repo, cs.id));
}

/**
 * Puts the demo tenants' repositories, pull requests and (unless `campaigns` is false) campaigns on
 * the twin at `twinUrl`, with the GitHub App of this process's configuration (GITHUB_APP_ID, its key,
 * GITHUB_API_URL: the twin's). Answers how many things it created or changed (0 when all was there).
 */
export async function seedDemoGithub(twinUrl: string, tenants: DemoTenant[], pullRequests: readonly DemoPullRequest[] = DEMO_PULL_REQUESTS, campaigns = true): Promise<number> {
  const configured = requireGithubApp();
  const twin = twinControl(twinUrl);
  if (configured.config.apiUrl.replace(/\/+$/, "") !== twin.url) throw new Error(`GITHUB_TWIN_URL is ${twin.url} but GITHUB_API_URL is ${configured.config.apiUrl}: the demo's App must be the twin's`);
  let changed = 0;
  const mapped = new Map<string, DemoRepository>();
  // The fixed commits, built locally once, then pushed to whichever twin repository lacks a main.
  const scratch = await mkdtemp(path.join(tmpdir(), "fleetgate-demo-mains-"));
  try {
    const locals = await ensureDemoRemotes(scratch);
    for (const t of tenants) {
      const tenant = await db.tenant.findUniqueOrThrow({ where: { slug: t.slug }, select: { id: true } });
      for (const owner of [...new Set(t.repos.map((r) => r.owner))]) {
        const installation = await twin.installation(owner);
        const row = await ensureInstallationRow(tenant.id, installation.id, owner);
        if (row.created) changed++;
        // A few repositories at once: each waits on the twin and on git more than on this process.
        await inPool(t.repos.filter((x) => x.owner === owner), 4, async (r) => {
          const repo = await twin.repository(r.owner, r.name);
          const local = locals.get(`${r.owner}/${r.name}`);
          if (!local) throw new Error(`no demo project in prisma/demo/repos/${r.owner}/${r.name}`);
          if (await ensureMain(r.owner, r.name, installation.id, twin.cloneUrl(r.owner, r.name), local)) changed++;
          const m = await mapRepository(tenant.id, r.owner, r.name, { githubInstallationId: row.id, githubRepoId: BigInt(repo.id), remoteUrl: twin.cloneUrl(r.owner, r.name) });
          if (m.changed) changed++;
          mapped.set(`${t.slug}:${r.owner}/${r.name}`, m);
        });
      }
    }
    for (const spec of pullRequests) {
      const repo = [...mapped.entries()].find(([k]) => k.startsWith(`${spec.tenant}:`) && k.endsWith(`/${spec.repo}`))?.[1];
      if (!repo) continue;
      changed += await ensurePullRequest(spec, twin, repo);
    }
    const acme = new Map([...mapped].filter(([k]) => k.startsWith("acme:")).map(([k, repo]) => [k.slice("acme:".length), repo]));
    if (campaigns && acme.size) changed += await seedDemoCampaigns(twin, acme, locals);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  // After the runs it costs: the pull requests' and campaigns' runs are written above.
  changed += await seedDemoCost(tenants.map((t) => t.slug));
  return changed;
}
