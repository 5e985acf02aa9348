// The demo on a GitHub twin: seeding it puts the demo repositories on the twin with their fixed main
// commits, binds each owner's installation to its tenant, maps the repository rows, publishes the
// demo tenant's pull requests through Fleetgate's publishing path, each in its state on both sides,
// and writes its campaigns across the fleet: one finished, one running with a wave held by a team's
// review cap, every changeset's PR the same on the twin; then the tenants' cost history, so the cost
// page tells its story: four weeks of priced model usage, sandbox and verifier time across teams,
// campaigns and task classes, every rollup exact, acme's budgets (one soft budget past its first
// alert, one hard budget that stopped a run). Seeding again creates nothing. Every exchange with the
// twin is checked against GitHub's schemas.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../server/db/client";
import { overrideEnv } from "../../../server/env";
import { APP_ID, SECRET, startTwinFixture, type TwinFixture } from "../../../server/github/twin/testing/twin-fixture";
import { ensureDemoRemotes } from "../../../server/repositories/demo-remotes";
import { withSuperuser } from "../../../server/test/superuser-client";
import { TENANTS } from "../../seed";
import { releaseHeld } from "../../../server/github/caps/release-held";
import { DEMO_CAMPAIGNS, DROWNING_TEAM } from "../campaigns/demo-campaigns";
import { DEMO_PULL_REQUESTS } from "./demo-pull-requests";
import { seedDemoGithub } from "./seed-demo-github";
import { demoId } from "./seed-demo-run";
import { costPath } from "../../../server/notifications/console-url";
import { formatMoney } from "../../../server/cost/money";
import { periodOf } from "../../../server/cost/budget-periods";
import { priceInForce } from "../../../server/cost/price-in-force";
import { Prisma } from "../../../server/db/client";
import { UNPRICED_MODEL } from "../cost/demo-cost-plan";
import { DEMO_BUDGETS, STOPPED_RUN_KEY } from "../cost/seed-demo-cost";
import { historyRunId } from "../cost/history-runs";
import { budgetSpend, costCounts, removeDemoCost, rollupDifferences, runTotalDifferences, spendThreeWays } from "../cost/testing/demo-cost-rows";

let f: TwinFixture;
let scratch: string;
let localMains: Map<string, string>;
let saved: { id: string; remoteUrl: string | null; githubInstallationId: string | null; githubRepoId: bigint | null }[];
const demoRepos = TENANTS.flatMap((t) => t.repos.map((r) => ({ tenant: t.slug, ...r })));
const taskIds = DEMO_PULL_REQUESTS.map((p) => demoId("task", p.key));
const CAMPAIGN_NAMES = DEMO_CAMPAIGNS.map((c) => c.spec.name);

/** GET as the installation of the route's owner (acme or globex), with a token of its own. */
const api = async (route: string) => {
  const owner = route.split("/")[2];
  const installation = f.twin.ctx.store.data.installations.find((i) => i.account.login === owner)!;
  const minted = await f.call("POST", `/app/installations/${installation.id}/access_tokens`, { auth: `Bearer ${f.jwt()}`, body: {} });
  const r = await f.call("GET", route, { auth: `token ${minted.body.token}` });
  if (r.status !== 200) throw new Error(`${route}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
};

/** What the twin and the database hold of the demo, to compare before and after a second seed. */
async function counts() {
  const pulls = await Promise.all(["acme", "globex"].map(async (o) => f.twin.ctx.store.data.pulls.filter((p) => f.twin.ctx.store.data.repositories.find((r) => r.id === p.repositoryId)?.owner === o).length));
  const d = f.twin.ctx.store.data;
  return {
    twin: { installations: d.installations.length, repositories: d.repositories.length, pulls, reviews: d.reviews.length, comments: d.comments.length, checkRuns: d.checkRuns.length },
    db: {
      campaigns: await db.campaign.findMany({ where: { name: { in: CAMPAIGN_NAMES } }, select: { state: true, updatedAt: true }, orderBy: { name: "asc" } }),
      campaignTasks: await db.task.count({ where: { campaignId: { not: null }, tenant: { slug: "acme" } } }),
      campaignChangesets: await db.changeset.findMany({ where: { campaignId: { not: null } }, select: { state: true, prNumber: true, updatedAt: true }, orderBy: { id: "asc" } }),
      installations: await db.githubInstallation.count({ where: { boundByLabel: "seed" } }),
      tasks: await db.task.count({ where: { id: { in: taskIds } } }),
      changesetEvents: await db.changesetEvent.count({ where: { changeset: { taskId: { in: taskIds } } } }),
      runEvents: await db.runEvent.count({ where: { run: { taskId: { in: taskIds } } } }),
    },
    cost: await costCounts(await tenantIds()),
  };
}

const tenantIds = async () => (await db.tenant.findMany({ where: { slug: { in: ["acme", "globex"] } }, select: { id: true } })).map((t) => t.id);
const count = (xs: string[]) => xs.reduce<Record<string, number>>((n, x) => ({ ...n, [x]: (n[x] ?? 0) + 1 }), {});

/** Is `ancestor` on the first-parent line of `of` (each merge of a demo PR is a merge commit on main)? */
async function isAncestor(owner: string, name: string, ancestor: string, of: string): Promise<boolean> {
  for (let sha = of, i = 0; i < 10; i++) {
    if (sha === ancestor) return true;
    const parents = (await api(`/repos/${owner}/${name}/commits/${sha}`)).parents as { sha: string }[];
    if (parents.some((p) => p.sha === ancestor)) return true;
    if (!parents.length) return false;
    sha = parents[0]!.sha;
  }
  return false;
}

const campaignRows = (name: string) => db.campaign.findFirstOrThrow({ where: { name }, include: { waves: { orderBy: { index: "asc" } }, targets: true } });
const campaignChangesets = (campaignId: string) => db.changeset.findMany({
  where: { campaignId }, include: { repository: { include: { team: true } }, events: { orderBy: { seq: "asc" } } }, orderBy: { createdAt: "asc" },
});

/** The changeset's PR as the twin has it, checked against the changeset's own columns. */
async function matchesTwin(cs: { state: string; prNumber: number | null; branch: string; headSha: string | null; labels: string[]; repository: { name: string } }) {
  const pr = await api(`/repos/acme/${cs.repository.name}/pulls/${cs.prNumber}`);
  expect(pr.head.ref).toBe(cs.branch);
  expect(pr.head.sha).toBe(cs.headSha);
  expect(pr.labels.map((l: { name: string }) => l.name).sort()).toEqual([...cs.labels].sort());
  const want = { draft: { state: "open", draft: true, merged: false }, open: { state: "open", draft: false, merged: false }, merged: { state: "closed", merged: true }, closed: { state: "closed", merged: false } }[cs.state as "draft"];
  expect(pr, `${cs.repository.name} #${cs.prNumber}`).toMatchObject(want);
  return pr;
}

beforeAll(async () => {
  // Ids far from other test files' twins, so this file's installations never meet their rows.
  const dataDir = mkdtempSync(path.join(tmpdir(), "fleetgate-demo-twin-"));
  mkdirSync(path.join(dataDir, "state"));
  writeFileSync(path.join(dataDir, "state", "meta.json"), JSON.stringify({ nextId: 9_000_000 + Math.floor(Math.random() * 900) * 1000, hookId: 0 }));
  f = await startTwinFixture({ dataDir });
  overrideEnv({ GITHUB_APP_ID: String(APP_ID), GITHUB_APP_PRIVATE_KEY_FILE: f.twin.privateKeyPath!, GITHUB_WEBHOOK_SECRET: SECRET, GITHUB_API_URL: f.twin.url, GITHUB_TWIN_URL: f.twin.url, GITHUB_WRITE_SPACING_MS: "0" });
  scratch = mkdtempSync(path.join(tmpdir(), "fleetgate-demo-local-"));
  const locals = await ensureDemoRemotes(scratch);
  const { execFileSync } = await import("node:child_process");
  localMains = new Map([...locals].map(([k, dir]) => [k, execFileSync("git", ["--git-dir", dir, "rev-parse", "refs/heads/main"], { encoding: "utf8" }).trim()]));
  saved = await db.repository.findMany({ where: { OR: demoRepos.map((r) => ({ owner: r.owner, name: r.name, tenant: { slug: r.tenant } })) }, select: { id: true, remoteUrl: true, githubInstallationId: true, githubRepoId: true } });
});

afterEach(() => {
  expect(f.takeProblems()).toEqual([]);
});

afterAll(async () => {
  // The integration database's demo rows go back to their local remotes for the files after this one.
  for (const r of saved) await db.repository.update({ where: { id: r.id }, data: { remoteUrl: r.remoteUrl, githubInstallationId: r.githubInstallationId, githubRepoId: r.githubRepoId } });
  const campaigns = await db.campaign.findMany({ where: { name: { in: CAMPAIGN_NAMES } }, select: { id: true } });
  const campaignTasks = (await db.task.findMany({ where: { campaignId: { in: campaigns.map((c) => c.id) } }, select: { id: true } })).map((t) => t.id);
  await db.changeset.deleteMany({ where: { OR: [{ taskId: { in: taskIds } }, { campaignId: { in: campaigns.map((c) => c.id) } }] } });
  await withSuperuser((c) => c.query(`DELETE FROM "Task" WHERE id = ANY($1)`, [campaignTasks]));
  await db.campaign.deleteMany({ where: { id: { in: campaigns.map((c) => c.id) } } });
  await db.tokenLease.deleteMany({ where: { runId: { in: DEMO_PULL_REQUESTS.map((p) => demoId("run", p.key)) } } });
  // The application's role may not delete tasks (runs are evidence): the superuser tidies up.
  await withSuperuser((c) => c.query(`DELETE FROM "Task" WHERE id = ANY($1)`, [taskIds]));
  await db.githubInstallation.deleteMany({ where: { boundByLabel: "seed" } });
  await removeDemoCost(await tenantIds());
  overrideEnv({ GITHUB_TWIN_URL: "" });
  await f.cleanup();
  rmSync(scratch, { recursive: true, force: true });
});

describe("seeding the demo on the GitHub twin", () => {
  it("creates the demo repositories with their fixed mains, binds the installations and maps every repository row", { timeout: 300_000 }, async () => {
    expect(await seedDemoGithub(f.twin.url, TENANTS)).toBeGreaterThan(0);
    // Where a demo PR or a campaign's PR was merged, main moved on from the fixed commit.
    const merged = new Set((await db.changeset.findMany({ where: { state: "merged", OR: [{ taskId: { in: taskIds } }, { campaignId: { not: null } }] }, select: { repository: { select: { name: true } } } })).map((c) => c.repository.name));
    expect(merged).toContain("billing-ledger");
    for (const t of TENANTS) {
      const tenant = await db.tenant.findUniqueOrThrow({ where: { slug: t.slug } });
      const twinInstallation = f.twin.ctx.store.data.installations.find((i) => i.account.login === t.slug)!;
      expect(twinInstallation).toBeDefined();
      const row = await db.githubInstallation.findUniqueOrThrow({ where: { githubId: BigInt(twinInstallation.id) } });
      expect(row).toMatchObject({ tenantId: tenant.id, accountLogin: t.slug, accountType: "Organization", boundByLabel: "seed", deletedAt: null });
      for (const r of t.repos) {
        const twinRepo = f.twin.ctx.store.data.repositories.find((x) => x.owner === r.owner && x.name === r.name)!;
        const repo = await db.repository.findFirstOrThrow({ where: { tenantId: tenant.id, owner: r.owner, name: r.name } });
        expect(repo).toMatchObject({ githubInstallationId: row.id, githubRepoId: BigInt(twinRepo.id), remoteUrl: `${f.twin.url}/${r.owner}/${r.name}.git` });
        const fixed = localMains.get(`${r.owner}/${r.name}`)!;
        const main = (await api(`/repos/${r.owner}/${r.name}/branches/main`)).commit.sha as string;
        if (merged.has(r.name)) {
          expect(main, `${r.owner}/${r.name}`).not.toBe(fixed);
          expect(await isAncestor(r.owner, r.name, fixed, main), `${r.owner}/${r.name}`).toBe(true);
        } else {
          expect(main, `${r.owner}/${r.name}`).toBe(fixed);
        }
      }
    }
  });

  it("shows the demo tenant's agent PRs in their states, each the same PR on the twin", async () => {
    const acme = await db.tenant.findUniqueOrThrow({ where: { slug: "acme" } });
    const changesets = await db.changeset.findMany({ where: { tenantId: acme.id, taskId: { in: taskIds } }, include: { repository: true } });
    expect(changesets).toHaveLength(DEMO_PULL_REQUESTS.length);
    const byRepo = Object.fromEntries(changesets.map((c) => [c.repository.name, c]));
    expect(byRepo["payment-service"]).toMatchObject({ state: "draft", mode: "draft_pr", reviewState: "none" });
    expect(byRepo["platform-api"]).toMatchObject({ state: "open", reviewState: "review_required", reviewers: ["dario-platform"], checksState: "passing" });
    expect(byRepo["docs-site"]).toMatchObject({ state: "open", reviewState: "changes_requested", firstReviewAt: expect.any(Date) });
    expect(byRepo["billing-ledger"]).toMatchObject({ state: "merged", reviewState: "approved", mergedAt: expect.any(Date), checksState: "passing" });
    expect(byRepo["web-frontend"]).toMatchObject({ state: "needs_human", flagReason: expect.stringMatching(/^jonas-web asked for a change outside the task's scope \(.*src\/app\.js\)/) });

    for (const cs of changesets) {
      const pr = await api(`/repos/${cs.repository.owner}/${cs.repository.name}/pulls/${cs.prNumber}`);
      expect(pr.head.ref).toBe(cs.branch);
      expect(pr.head.sha).toBe(cs.headSha);
      expect(pr.labels.map((l: { name: string }) => l.name)).toEqual(expect.arrayContaining(cs.labels));
      const want = { draft: { state: "open", draft: true, merged: false }, open: { state: "open", draft: false, merged: false }, needs_human: { state: "open", draft: false, merged: false }, merged: { state: "closed", draft: false, merged: true } }[cs.state as "draft"];
      expect(pr, `${cs.repository.name}`).toMatchObject(want);
      // The run behind it succeeded with the patch the PR carries, and its timeline is whole.
      const run = await db.run.findUniqueOrThrow({ where: { id: cs.runId }, include: { artifacts: true, events: { orderBy: { seq: "asc" } } } });
      expect(run).toMatchObject({ state: "succeeded", taskId: cs.taskId, baseSha: cs.baseSha });
      expect(run.artifacts.find((a) => a.kind === "patch")?.sha256).toBe(cs.patchSha256);
      expect(run.events.filter((e) => e.kind === "transition").map((e) => e.toState)).toEqual(["queued", "preparing", "running", "verifying", "succeeded"]);
    }
    const platform = changesets.find((c) => c.repository.name === "platform-api")!;
    expect((await api(`/repos/acme/platform-api/pulls/${platform.prNumber}`)).requested_reviewers.map((u: { login: string }) => u.login)).toEqual(["dario-platform"]);
    const docs = changesets.find((c) => c.repository.name === "docs-site")!;
    expect((await api(`/repos/acme/docs-site/pulls/${docs.prNumber}/reviews`)).map((r: { user: { login: string }; state: string }) => `${r.user.login} ${r.state}`)).toEqual(["sam-docs CHANGES_REQUESTED"]);
  });

  it("leaves acme's restricted repositories out of its campaigns, naming the platform's rule, and its other tiers in", async () => {
    const pino = await db.campaign.findFirstOrThrow({ where: { name: "raise-pino-8-17-2" }, include: { targets: { include: { repository: true } } } });
    for (const t of pino.targets) {
      const restricted = t.repository.riskTier === "regulated" || t.repository.riskTier === "critical";
      expect(t.eligible, t.repository.name).toBe(!restricted);
      if (restricted) expect(t.excludedRule, t.repository.name).toBe("platform-console-access/campaign-no-restricted-tiers");
    }
    expect(new Set(pino.targets.filter((t) => t.eligible).map((t) => t.repository.riskTier))).toEqual(new Set(["low", "standard", "high"]));
  });

  it("shows the finished campaign completed, every wave done, each change merged or closed on the twin as in its changeset", async () => {
    const c = await campaignRows("raise-pino-8-17-2");
    expect(c).toMatchObject({ state: "completed", endedAt: expect.any(Date), launchedAt: expect.any(Date) });
    expect(c.waves.map((w) => [w.state, w.plannedSize])).toEqual([["done", 3], ["done", 10], ["done", 13]]);
    const eligible = c.targets.filter((t) => t.eligible);
    expect(eligible.every((t) => t.taskId !== null)).toBe(true);
    const changesets = await campaignChangesets(c.id);
    expect(changesets).toHaveLength(eligible.length);
    expect(count(changesets.map((x) => x.state))).toEqual({ merged: eligible.length - 2, closed: 2 });
    for (const cs of changesets) {
      const pr = await matchesTwin(cs);
      if (cs.state === "merged") expect(pr.merge_commit_sha).toBe(cs.mergeCommitSha);
      else expect((await api(`/repos/acme/${cs.repository.name}/issues/${cs.prNumber}/comments`)).map((x: { body: string }) => x.body).join()).toMatch(/closing|no more dependency updates/);
      expect(cs.events.map((e) => e.toState).filter(Boolean)).toEqual(["publishing", "publishing", "draft", "open", cs.state]);
      expect(cs.openedAt!.getTime()).toBeLessThan(c.endedAt!.getTime());
    }
  });

  it("shows the running campaign's second wave under way, with the capped team's queue full and its other changes held, without a PR", async () => {
    const c = await campaignRows("timeout-ms-config-key");
    const cap = DEMO_CAMPAIGNS[1]!.spec.caps!.openPerTeam!;
    expect(c.state).toBe("running");
    expect(c.waves.map((w) => w.state)).toEqual(["done", "running", "pending"]);
    const changesets = await campaignChangesets(c.id);
    const waveOf = new Map(c.targets.map((t) => [t.taskId, t.waveIndex]));
    expect(changesets.filter((x) => waveOf.get(x.taskId) === 0).map((x) => x.state)).toEqual(["merged", "merged", "merged"]);
    // The last wave's tasks wait for promotion: no run, no changeset.
    const pending = c.targets.filter((t) => t.waveIndex === 2);
    expect(pending.length).toBeGreaterThan(0);
    expect(await db.run.count({ where: { taskId: { in: pending.map((t) => t.taskId!) } } })).toBe(0);
    expect(changesets.some((x) => waveOf.get(x.taskId) === 2)).toBe(false);

    const capped = changesets.filter((x) => waveOf.get(x.taskId) === 1 && x.repository.team?.slug === DROWNING_TEAM);
    const inReview = capped.filter((x) => x.state === "open");
    const held = capped.filter((x) => x.state === "held");
    // The team's open-PR cap is full: these three in review, and acme/payment-service's demo draft.
    const teamLive = await db.changeset.count({ where: { tenantId: c.tenantId, prNumber: { not: null }, state: { notIn: ["merged", "closed"] }, repository: { team: { slug: DROWNING_TEAM } } } });
    expect([inReview.length, teamLive]).toEqual([3, cap]);
    expect(held.length).toBeGreaterThan(0);
    expect(inReview.length + held.length).toBe(capped.length);
    for (const x of inReview) {
      expect(x).toMatchObject({ reviewState: "review_required", reviewers: ["mei-payments"], checksState: "passing" });
      expect((await matchesTwin(x)).requested_reviewers.map((u: { login: string }) => u.login)).toEqual(["mei-payments"]);
    }
    for (const x of held) {
      expect(x).toMatchObject({ holdKind: "team_open", flagReason: `held: team ${DROWNING_TEAM} has ${cap} agent PRs open (cap ${cap})`, heldAt: expect.any(Date), prNumber: null, headSha: null });
      expect(await db.run.findUniqueOrThrow({ where: { id: x.runId } })).toMatchObject({ state: "succeeded", baseSha: x.baseSha });
      const twinRepo = f.twin.ctx.store.data.repositories.find((r) => r.owner === "acme" && r.name === x.repository.name)!;
      expect(f.twin.ctx.store.data.pulls.filter((p) => p.repositoryId === twinRepo.id && p.head.ref === x.branch)).toEqual([]);
    }
    // The publisher's own pass over held work agrees: nothing is released, and the reasons stand.
    expect(await releaseHeld(c.tenantId)).toBe(`0 of ${held.length} held released`);
    expect((await campaignChangesets(c.id)).filter((x) => x.state === "held").map((x) => x.flagReason)).toEqual(held.map((x) => x.flagReason));
    // The other teams keep up: their PRs in every state a reviewer meets, each the same on the twin.
    const others = changesets.filter((x) => waveOf.get(x.taskId) === 1 && x.repository.team?.slug !== DROWNING_TEAM);
    expect(new Set(others.map((x) => x.state))).toEqual(new Set(["merged", "open", "draft"]));
    expect(others.some((x) => x.reviewState === "approved" && x.state === "open")).toBe(true);
    for (const x of others) await matchesTwin(x);
  });

  it("gives the cost page four weeks of priced spend across teams, campaigns, task classes and models, every rollup and run total exact", async () => {
    for (const t of await db.tenant.findMany({ where: { slug: { in: ["acme", "globex"] } } })) {
      expect(await rollupDifferences(t.id), t.slug).toBe(0);
      expect(await runTotalDifferences(t.id), t.slug).toBe(0);
      const three = await spendThreeWays(t.id);
      expect(three.entries, t.slug).toBeGreaterThan(0n);
      expect([three.daily, three.runs], t.slug).toEqual([three.entries, three.entries]);
    }
    const acme = await db.tenant.findUniqueOrThrow({ where: { slug: "acme" } });
    const daily = await db.costDaily.findMany({ where: { tenantId: acme.id, costMicros: { gt: 0 } } });
    expect(new Set(daily.map((d) => d.day.toISOString())).size).toBeGreaterThanOrEqual(21);
    const spentOn = (key: "teamId" | "campaignId" | "taskClass") => new Set(daily.map((d) => d[key]).filter(Boolean));
    expect(spentOn("teamId").size).toBeGreaterThanOrEqual(3);
    expect(spentOn("taskClass").size).toBeGreaterThanOrEqual(2);
    const campaigns = await db.campaign.findMany({ where: { tenantId: acme.id, name: { in: CAMPAIGN_NAMES } }, select: { id: true } });
    expect(campaigns.every((c) => spentOn("campaignId").has(c.id)) && campaigns.length).toBe(2);
    expect(new Set(daily.map((d) => d.kind))).toEqual(new Set(["model", "sandbox", "verifier"]));
    // Each cost carries the price version in force when it was recorded: the platform's list price of
    // gpt-4o, then acme's two versions of its own; a model without a price is costed at the default, and says so.
    const used = await db.$queryRaw<{ kind: string; subject: string; priceId: string; defaulted: boolean; first: Date; last: Date; n: number }[]>`
      SELECT kind, subject, "priceId", defaulted, min(at) AS first, max(at) AS last, count(*)::int AS n FROM "CostEntry" WHERE "tenantId" = ${acme.id} GROUP BY 1, 2, 3, 4`;
    for (const u of used) {
      for (const at of [u.first, u.last]) {
        const found = await priceInForce(db, acme.id, u.kind === "model" ? "model" : "resource", u.subject, at);
        expect(found.ok && [found.price.id, found.price.defaulted], `${u.subject} at ${at.toISOString()}`).toEqual([u.priceId, u.defaulted]);
      }
    }
    const gpt4o = await db.price.findMany({ where: { id: { in: used.filter((u) => u.subject === "gpt-4o").map((u) => u.priceId) } }, orderBy: { effectiveFrom: "asc" } });
    expect(gpt4o.map((p) => [p.scope === "platform" ? "platform" : "acme", p.version])).toEqual([["platform", 1], ["acme", 1], ["acme", 2]]);
    expect(used.filter((u) => u.subject === "gpt-4o-mini").length).toBe(1);
    expect(used.find((u) => u.subject === UNPRICED_MODEL)).toMatchObject({ priceId: "price_platform_model_default", defaulted: true });
  });

  it("has acme's budgets: the monthly soft one past its 50 % alert only (its admins told), payments' hard weekly one with room, the running campaign's, each period the costs it covers", async () => {
    const acme = await db.tenant.findUniqueOrThrow({ where: { slug: "acme" } });
    const budget = (name: string) => db.budget.findUniqueOrThrow({ where: { tenantId_name: { tenantId: acme.id, name } }, include: { periods: { orderBy: { startsAt: "asc" } } } });
    for (const name of Object.values(DEMO_BUDGETS)) {
      const b = await budget(name);
      const spend = await budgetSpend(b.id);
      expect(spend.periods, name).toBe(spend.covered);
      // Each period is the one the engine opens for a cost at that moment.
      const last = await db.costEntry.findFirstOrThrow({ where: { tenantId: acme.id, at: { gte: b.createdAt }, ...(b.teamId ? { teamId: b.teamId } : {}), ...(b.campaignId ? { campaignId: b.campaignId } : {}), ...(b.scope === "run" ? { runId: { not: null } } : {}) }, orderBy: { at: "desc" } });
      const p = periodOf(last.at, last.runId);
      const [engine] = await db.$queryRaw<{ key: string; endsAt: Date | null }[]>(Prisma.sql`SELECT ${p.key} AS key, ${p.endsAt} AS "endsAt" FROM "Budget" b WHERE b.id = ${b.id}`);
      expect(b.periods.find((x) => x.periodKey === engine!.key)?.endsAt?.getTime() ?? null, name).toBe(engine!.endsAt?.getTime() ?? null);
    }
    const month = await budget(DEMO_BUDGETS.month);
    expect(month).toMatchObject({ scope: "tenant", mode: "soft", period: "month" });
    const current = month.periods.at(-1)!;
    expect(current.periodKey).toBe(new Date().toISOString().slice(0, 8) + "01");
    expect(current.alerted).toEqual([50]);
    expect(current.spentMicros * 100n >= month.limitMicros * 50n && current.spentMicros * 100n < month.limitMicros * 80n).toBe(true);
    const admins = await db.membership.findMany({ where: { tenantId: acme.id, roles: { has: "tenant_admin" } }, select: { userId: true } });
    const told = await db.notification.findMany({ where: { tenantId: acme.id, dedupeKey: `budget:${current.id}:50` } });
    expect(told.map((n) => n.userId).sort()).toEqual(admins.map((a) => a.userId).sort());
    expect(told[0]).toMatchObject({ kind: "budget.threshold_crossed", title: `Budget "${DEMO_BUDGETS.month}" passed 50%`, link: costPath("acme", month.id) });
    expect(told[0]!.body).toMatch(new RegExp(`^\\$[\\d,.]+ spent of ${formatMoney(month.limitMicros, "USD").replace("$", "\\$")} \\(soft, tenant budget, period ${current.periodKey}\\)\\.$`));

    const team = await budget(DEMO_BUDGETS.team);
    expect(team).toMatchObject({ scope: "team", mode: "hard", period: "week" });
    expect(team.periods.length).toBeGreaterThanOrEqual(4);
    for (const p of team.periods) expect(p.spentMicros < team.limitMicros && p.alerted.length === 0, p.periodKey).toBe(true);
    const campaign = await budget(DEMO_BUDGETS.campaign);
    const running = await db.campaign.findFirstOrThrow({ where: { tenantId: acme.id, state: "running" } });
    expect(campaign).toMatchObject({ scope: "campaign", campaignId: running.id, period: "campaign" });
    expect(campaign.periods.map((p) => [p.periodKey, p.spentMicros > 0n, p.alerted])).toEqual([["life", true, []]]);
  });

  it("shows the run the per-run budget stopped, failed as budget_exhausted with the budget named, its spend within the limit", async () => {
    const run = await db.run.findUniqueOrThrow({ where: { id: historyRunId(STOPPED_RUN_KEY) }, include: { events: { orderBy: { seq: "asc" } } } });
    const budget = await db.budget.findUniqueOrThrow({ where: { tenantId_name: { tenantId: run.tenantId, name: DEMO_BUDGETS.run } }, include: { periods: { where: { periodKey: run.id } } } });
    expect(budget).toMatchObject({ scope: "run", mode: "hard", period: "run" });
    expect(run).toMatchObject({ state: "failed", failureClass: "budget_exhausted" });
    const money = (m: bigint) => formatMoney(m, "USD");
    expect(run.failureMessage).toMatch(new RegExp(`^stopped before model request ${run.modelCalls + 1}: the hard run budget "${DEMO_BUDGETS.run}" has `));
    expect(run.failureMessage).toContain(`has ${money(budget.limitMicros - run.costMicros)} left of ${money(budget.limitMicros)} (${money(run.costMicros)} spent, ${money(0n)} reserved); the next model request needs up to `);
    const needed = /needs up to \$([\d.]+)$/.exec(run.failureMessage!)![1]!;
    expect(Number(needed) * 1e6).toBeGreaterThan(Number(budget.limitMicros - run.costMicros));
    expect(budget.periods).toMatchObject([{ spentMicros: run.costMicros, reservedMicros: 0n, alerted: [] }]);
    expect(run.costMicros <= budget.limitMicros && run.costMicros * 100n >= budget.limitMicros * 80n).toBe(true);
    expect(run.events.filter((e) => e.kind === "transition").map((e) => e.toState)).toEqual(["queued", "preparing", "running", "failed"]);
    expect(run.events.at(-1)).toMatchObject({ message: run.failureMessage, data: { failureClass: "budget_exhausted" } });
  });

  it("creates nothing the second time, on the twin or in the database", async () => {
    const before = await counts();
    expect(await seedDemoGithub(f.twin.url, TENANTS)).toBe(0);
    expect(await counts()).toEqual(before);
  });
});
