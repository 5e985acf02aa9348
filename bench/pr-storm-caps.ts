// Figure (s): a campaign of BENCH_CAPS_TARGETS targets (default 1,000, one repository each, most of
// them owned by two "drowning" teams) published through 8 worker slots (two worker processes) against
// the twin for BENCH_CAPS_MINUTES (default 10), under caps that bind throughout: the campaign's budget
// of 540 PRs an hour with a burst of 10 (so at most 100 in any 10 minutes), 5 open per team, and the
// platform's 3 per repository and 50 per wave; the twin merges the oldest open agent PR every 8 s,
// its webhooks reaching Fleetgate's route in this process. Afterwards, from the twin's PR timestamps:
// the overshoot of each cap (0 is the figure); and the latency from a slot freeing to the release of
// held work: a merge on the twin to the next release of its team's held work, and a token's due
// time to the reservation that took it. Baseline: the same merges reaching their changeset (the
// webhook's own path), so the ratio shows what releasing adds.
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { db } from "../server/db/client";
import { overrideEnv, toolingEnv } from "../server/env";
import { AppError } from "../server/core/app-error";
import { enqueuePublish } from "../server/github/publish/publish-job";
import { performHumanAction } from "../server/github/twin/human-actions";
import { receiveDelivery } from "../server/github/webhooks/receive-delivery";
import { closeQueues, obliterateQueues } from "../server/jobs/enqueue";
import { queueNames } from "../server/jobs/start-workers";
import { JOB_HANDLERS } from "../server/wiring/job-handlers";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { importPlatformPolicies, PLATFORM_POLICY_DIR } from "../server/policy/import-platform-policies";
import { figure } from "./figure";
import { prepareGithubBench } from "./github-bench";
import { fmt, heading, ms, summarise } from "./stats";
import { spawnWorker, stopWorkers } from "./worker-process";

const BUDGET = { rate: 540, burst: 10 };
const OPEN_PER_TEAM = 5;
const PER_REPOSITORY = 3;
const PER_WAVE = 50;
// Slower than the budget lets PRs open (9 a minute): open PRs pile up until the team caps bind.
const MERGE_EVERY_MS = 8_000;
const TEAMS = 10;
/** Two teams own 60% of the fleet: their caps bind all along. */
const teamOf = (i: number) => (i % 10 < 4 ? 0 : i % 10 < 6 ? 1 : 2 + (i % (TEAMS - 2)));

function serveRoute(): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
      const answer = await receiveDelivery(new Request(`http://127.0.0.1${req.url}`, { method: "POST", headers, body: Buffer.concat(chunks) }))
        .catch((e: Error) => ({ status: e instanceof AppError ? 400 : 500, body: { error: e.message } }));
      res.writeHead(answer.status, { "content-type": "application/json" }).end(JSON.stringify(answer.body));
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/github/webhooks` })));
}

// The bench's own GitHub organization on the twin is bench-<slug>.
const SLUG = "s";

export async function benchPrStormCaps(databaseUrl: string): Promise<void> {
  const { BENCH_CAPS_TARGETS: targets, BENCH_CAPS_MINUTES: minutes } = toolingEnv();
  heading(`(s) PR-storm caps: a ${fmt(targets)}-target campaign through 8 worker slots for ${minutes} min; ${BUDGET.rate} PRs/h (burst ${BUDGET.burst}), ${OPEN_PER_TEAM} open per team, ${PER_REPOSITORY} per repository, ${PER_WAVE} per wave; a merge every ${MERGE_EVERY_MS / 1000} s`);
  const prefix = `fleetgate-bench-s-${randomBytes(3).toString("hex")}`;
  overrideEnv({ QUEUE_PREFIX: prefix });
  const route = await serveRoute();
  const g = await prepareGithubBench(SLUG, { repos: targets, pace: { spacingMs: 0, perMinute: 3_000, perHour: 100_000 }, webhookUrl: route.url });
  const children = new Set<ChildProcess>();
  // The platform's tenant budget (60 an hour) would bind before the campaign's: for this figure the
  // bench database's platform baseline allows more, and gets the shipped one back afterwards.
  const roomy = mkdtempSync(path.join(tmpdir(), "fleetgate-bench-s-policies-"));
  cpSync(PLATFORM_POLICY_DIR, roomy, { recursive: true });
  const governance = path.join(roomy, "change-governance.yaml");
  writeFileSync(governance, readFileSync(governance, "utf8").replace(/prs_per_hour: \{ rate: \d+, burst: \d+ \}/, "prs_per_hour: { rate: 100000, burst: 1000 }"));
  await db.$transaction((tx) => importPlatformPolicies(tx, roomy));
  try {
    const teams = await Promise.all(Array.from({ length: TEAMS }, (_, i) => db.team.create({ data: { tenantId: g.tenantId, slug: `team-${i}`, name: `Team ${i}` } })));
    const twinIds = new Map(g.twin.ctx.store.data.repositories.map((r) => [r.name, r.id]));
    for (const [i, r] of g.repos.entries()) await db.repository.update({ where: { id: r.id }, data: { teamId: teams[teamOf(i)]!.id, githubRepoId: BigInt(twinIds.get(r.name)!) } });
    const name = `storm-${randomBytes(2).toString("hex")}`;
    const campaign = await db.campaign.create({ data: { tenantId: g.tenantId, name, specYaml: "", spec: { name, caps: { prsPerHour: BUDGET, openPerTeam: OPEN_PER_TEAM } }, state: "running", ownerLabel: "bench" } });
    await db.campaignTarget.createMany({ data: g.repos.map((r) => ({ tenantId: g.tenantId, campaignId: campaign.id, repositoryId: r.id, eligible: true, waveIndex: 0 })) });
    const runs: string[] = [];
    for (let i = 0; i < targets; i++) {
      const r = await g.succeededRun(i, `r-${i}`);
      // autonomous_pr: ready for review (the twin, as GitHub, merges no draft).
      await db.task.update({ where: { id: r.taskId }, data: { campaignId: campaign.id, autonomy: "autonomous_pr" } });
      await db.run.update({ where: { id: r.runId }, data: { campaignId: campaign.id } });
      runs.push(r.runId);
    }
    const env = { ...g.env, DATABASE_URL: databaseUrl, QUEUE_PREFIX: prefix };
    await Promise.all([0, 1].map(() => spawnWorker(env, ["--concurrency", "1"], children)));
    const started = Date.now();
    for (const id of runs) await enqueuePublish(id);
    // The twin's merger: the oldest open agent PR, at a steady rate.
    const owner = `bench-${SLUG}`;
    while (Date.now() - started < minutes * 60_000) {
      await sleep(MERGE_EVERY_MS);
      const open = g.twin.ctx.store.data.pulls.filter((p) => p.state === "open").sort((a, b) => a.createdAt.localeCompare(b.createdAt))[0];
      const repo = open && g.twin.ctx.store.data.repositories.find((r) => r.id === open.repositoryId);
      if (open && repo) await performHumanAction(g.twin.ctx, { action: "merge", repo: `${owner}/${repo.name}`, number: open.number, user: "merger" }).catch((e: Error) => console.log(`    merge #${open.number}: ${e.message}`));
    }
    await sleep(3_000);
    await report(g, started);
  } finally {
    await db.$transaction((tx) => importPlatformPolicies(tx));
    rmSync(roomy, { recursive: true, force: true });
    await stopWorkers(children);
    await closeQueues();
    await obliterateQueues(prefix, queueNames(JOB_HANDLERS));
    await new Promise((r) => route.server.close(r));
    await g.close();
  }
}

/** The most live agent PRs a group had at once, from the twin's creation and merge/close times. */
function mostLive(pulls: { createdAt: string; mergedAt: string | null; closedAt: string | null; key: string }[]): Map<string, number> {
  const ev = pulls.flatMap((p) => [{ at: Date.parse(p.createdAt), key: p.key, d: 1 }, ...((p.mergedAt ?? p.closedAt) ? [{ at: Date.parse((p.mergedAt ?? p.closedAt)!), key: p.key, d: -1 }] : [])]);
  ev.sort((a, b) => a.at - b.at || a.d - b.d);
  const live = new Map<string, number>();
  const most = new Map<string, number>();
  for (const e of ev) {
    live.set(e.key, (live.get(e.key) ?? 0) + e.d);
    most.set(e.key, Math.max(most.get(e.key) ?? 0, live.get(e.key)!));
  }
  return most;
}

/** Most events in any window of `ms` beyond what a bucket allows in it (burst + rate x (window + slack)). */
function bucketOvershoot(times: number[], slackMs: number): number {
  const t = [...times].sort((a, b) => a - b);
  let worst = 0;
  for (let i = 0; i < t.length; i++) for (let j = i; j < t.length; j++) worst = Math.max(worst, j - i + 1 - Math.floor(BUDGET.burst + (BUDGET.rate * (t[j]! - t[i]! + slackMs)) / 3_600_000 + 1e-9));
  return worst;
}

async function report(g: Awaited<ReturnType<typeof prepareGithubBench>>, started: number): Promise<void> {
  const repos = await db.repository.findMany({ where: { tenantId: g.tenantId }, select: { id: true, name: true, teamId: true, githubRepoId: true } });
  const byTwin = new Map(repos.map((r) => [Number(r.githubRepoId), r]));
  const pulls = g.twin.ctx.store.data.pulls.map((p) => ({ ...p, repo: byTwin.get(p.repositoryId)! })).filter((p) => p.repo);
  const teamOver = Math.max(0, ...[...mostLive(pulls.map((p) => ({ ...p, key: p.repo.teamId! }))).values()].map((n) => n - OPEN_PER_TEAM));
  const repoOver = Math.max(0, ...[...mostLive(pulls.map((p) => ({ ...p, key: p.repo.id }))).values()].map((n) => n - PER_REPOSITORY));
  const waveOver = Math.max(0, ...[...mostLive(pulls.map((p) => ({ ...p, key: "wave-0" }))).values()].map((n) => n - PER_WAVE));
  const reservations = await db.publishReservation.findMany({ where: { tenantId: g.tenantId, outcome: { in: ["used", "reserved"] } }, select: { changesetId: true, reservedAt: true }, orderBy: { reservedAt: "asc" } });
  const cs = await db.changeset.findMany({ where: { tenantId: g.tenantId }, select: { id: true, prNumber: true, repositoryId: true, state: true } });
  const reservedAt = new Map(reservations.map((r) => [r.changesetId, r.reservedAt.getTime()]));
  const pushSlack = Math.max(0, ...cs.flatMap((c) => {
    const pr = pulls.find((p) => p.number === c.prNumber && p.repo.id === c.repositoryId);
    const r = reservedAt.get(c.id);
    return pr && r ? [Date.parse(pr.createdAt) - r] : [];
  }));
  const budgetOverTwin = bucketOvershoot(pulls.map((p) => Date.parse(p.createdAt)), pushSlack);
  const budgetOverDb = bucketOvershoot(reservations.map((r) => r.reservedAt.getTime()), 0);
  const held = await db.changeset.groupBy({ by: ["holdKind"], where: { tenantId: g.tenantId, state: "held" }, _count: { _all: true } });
  console.log(`  ${fmt(pulls.length)} PRs opened in ${fmt((Date.now() - started) / 1000)} s, ${fmt(pulls.filter((p) => p.merged).length)} merged; held now: ${held.map((h) => `${h.holdKind} ${h._count._all}`).join(", ") || "none"}`);
  console.log(`  overshoot from the twin's timestamps: team ${teamOver}, repository ${repoOver}, wave ${waveOver}, budget ${budgetOverTwin} (allowing the ${ms(pushSlack)} from reservation to PR), budget from reservations ${budgetOverDb}`);

  // A merge frees its team's slot: the next release, after it, of that team's work held by a count cap.
  const events = await db.changesetEvent.findMany({ where: { tenantId: g.tenantId, kind: "transition", toState: { in: ["held", "publishing"] } }, select: { changesetId: true, at: true, toState: true, fromState: true, data: true }, orderBy: { at: "asc" } });
  const teamOfCs = new Map(cs.map((c) => [c.id, repos.find((r) => r.id === c.repositoryId)!.teamId!]));
  const lastHold = new Map<string, string>();
  const releases: { at: number; team: string }[] = [];
  // Released from its team's cap: it moved to publishing, or on to the next cap that holds it (the budget).
  for (const e of events) {
    const was = lastHold.get(e.changesetId) ?? "";
    if (e.fromState === "held" && ["team_open", "team_review"].includes(was)) releases.push({ at: e.at.getTime(), team: teamOfCs.get(e.changesetId)! });
    if (e.toState === "held") lastHold.set(e.changesetId, (e.data as { hold?: string } | null)?.hold ?? "");
  }
  const merges = pulls.filter((p) => p.mergedAt).map((p) => ({ at: Date.parse(p.mergedAt!), team: p.repo.teamId!, pr: p }));
  const afterMerge: number[] = [];
  for (const m of merges) {
    const next = releases.filter((r) => r.team === m.team && r.at >= m.at).sort((a, b) => a.at - b.at)[0];
    const nextMerge = merges.filter((o) => o.team === m.team && o.at > m.at).sort((a, b) => a.at - b.at)[0];
    if (next && (!nextMerge || next.at < nextMerge.at)) afterMerge.push(next.at - m.at);
  }
  // Baseline: the same merges' webhooks applied (the delivery processed), from the twin's merge time.
  const applied = await db.$queryRaw<{ number: number; repo: string; processedAt: Date }[]>`
    SELECT (payload->'pull_request'->>'number')::int AS number, payload->'repository'->>'id' AS repo, "processedAt" FROM "GithubDelivery"
    WHERE "tenantId" = ${g.tenantId} AND event = 'pull_request' AND action = 'closed' AND outcome = 'applied'`;
  const recorded = merges.flatMap((m) => {
    const d = applied.find((a) => a.number === m.pr.number && Number(a.repo) === m.pr.repositoryId);
    return d ? [d.processedAt.getTime() - m.at] : [];
  });
  // A token's due time (the bucket simulated over the reservations) to the reservation that took it.
  const afterToken: number[] = [];
  let tokens = BUDGET.burst;
  let at = reservations[0]?.reservedAt.getTime() ?? 0;
  for (const r of reservations) {
    const t = r.reservedAt.getTime();
    if (tokens < 1) afterToken.push(t - (at + ((1 - tokens) * 3_600_000) / BUDGET.rate));
    tokens = Math.min(BUDGET.burst, tokens + ((t - at) * BUDGET.rate) / 3_600_000) - 1;
    at = t;
  }
  const [m, tk, base] = [summarise(afterMerge), summarise(afterToken), summarise(recorded)];
  console.log(`  held work out of its team cap after a merge freed the slot (released, or on to the budget): p50 ${ms(m.p50)}, p95 ${ms(m.p95)}, max ${ms(m.max)} (${afterMerge.length}); after a token came due: p50 ${ms(tk.p50)}, p95 ${ms(tk.p95)} (${afterToken.length}); the merge reaching its changeset: p50 ${ms(base.p50)}, p95 ${ms(base.p95)}`);
  figure("(s) cap overshoot, from the twin's PR timestamps (team, repository, wave, budget)", teamOver + repoOver + waveOver + budgetOverTwin, "PRs");
  figure("(s) held work released after a merge freed a slot, p95", m.p95, "ms", { value: base.p95, is: "the merge's webhook reaching its changeset, p95" });
  figure("(s) held work released after a merge freed a slot, p50", m.p50, "ms", { value: base.p50, is: "the merge's webhook reaching its changeset, p50" });
  figure("(s) held work released after the budget's next token came due, p95", tk.p95, "ms");
}
