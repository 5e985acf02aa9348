// Figure (p): publications through 4 worker processes (workers/main.ts --concurrency 1, each running 4
// publications at once, the github queue's QUEUE_SETTINGS) against the twin, with one content-creating
// request in ten answered by a secondary limit (403 or 429 with retry-after: 1) and a worker killed
// with SIGKILL every 10 s (a replacement started at once). One
// task in twenty already has its branch, with a person's commit on it. Afterwards, from the twin and
// the database: none lost (every publication opened its PR, or is `edited` for the person's branch),
// no branch with two PRs, no push over a person's commit, and content-creating requests never above
// the configured limits in any sliding minute or hour. GitHub's defaults would make 1,000 PRs take
// hours, so this phase sets higher limits; a second, shorter phase shows the defaults holding.
// `--runs=N` sets the publications of the first phase (default 1,000); `--minutes=N` its time limit.
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { db } from "../server/db/client";
import { overrideEnv } from "../server/env";
import { branchFor } from "../server/github/pull-request-text";
import { branchSha, commitFiles, repositoryDir } from "../server/github/twin/bare-repository";
import { enqueuePublish } from "../server/github/publish/publish-job";
import { closeQueues, obliterateQueues } from "../server/jobs/enqueue";
import { queueNames } from "../server/jobs/start-workers";
import { JOB_HANDLERS } from "../server/wiring/job-handlers";
import type { BenchArgs } from "./args";
import { figure } from "./figure";
import { isContentWrite, mostInWindow, prepareGithubBench, type GithubBench } from "./github-bench";
import { fmt, heading } from "./stats";
import { spawnWorker, stopWorkers, type WorkerProcess } from "./worker-process";

const SLOTS = 4;
const KILL_EVERY_MS = 10_000;

type Phase = { label: string; runs: number; repos: number; pace: { spacingMs: number; perMinute: number; perHour: number }; faults: boolean; kills: boolean; limitMs: number };

export async function benchPublishFleet(databaseUrl: string, { runs, minutes }: Pick<BenchArgs, "runs" | "minutes">): Promise<void> {
  heading(`(p) publications through ${SLOTS} worker processes against the twin: secondary limits, SIGKILLs, people's commits`);
  await phase(databaseUrl, { label: "p", runs, repos: 20, pace: { spacingMs: 0, perMinute: 3_000, perHour: 100_000 }, faults: true, kills: true, limitMs: minutes * 60_000 });
  await phase(databaseUrl, { label: "p-defaults", runs: 30, repos: 3, pace: { spacingMs: 1_000, perMinute: 80, perHour: 500 }, faults: false, kills: false, limitMs: minutes * 60_000 });
}

async function phase(databaseUrl: string, p: Phase): Promise<void> {
  console.log(`\n  ${p.runs} publications; pace: writes ${p.pace.spacingMs} ms apart, ${fmt(p.pace.perMinute)}/min, ${fmt(p.pace.perHour)}/h${p.faults ? "; 1 in 10 content-creating requests answered 403/429 (retry-after: 1)" : ""}${p.kills ? `; a worker SIGKILLed every ${KILL_EVERY_MS / 1000} s` : ""}`);
  const prefix = `fleetgate-bench-${p.label}-${randomBytes(3).toString("hex")}`;
  overrideEnv({ QUEUE_PREFIX: prefix });
  const g = await prepareGithubBench(p.label, { repos: p.repos, pace: p.pace });
  const children = new Set<ChildProcess>();
  try {
    if (p.faults) {
      let content = 0;
      const observe = g.twin.ctx.observe.exchange!;
      g.twin.ctx.observe.exchange = (e) => {
        observe(e);
        if (!isContentWrite({ ...e, at: 0, body: null })) return;
        if (++content % 10 === 0) g.twin.ctx.faults.add({ kind: content % 20 === 0 ? "secondary-429" : "secondary-403", count: 1, retryAfter: 1 });
      };
    }
    const tasks: { runId: string; taskId: string; human: string | null }[] = [];
    for (let i = 0; i < p.runs; i++) {
      const repo = i % p.repos;
      const r = await g.succeededRun(repo, `${p.label}-${i}`);
      let human: string | null = null;
      if (i % 20 === 7) {
        const dir = repositoryDir(g.twin.ctx.store.dataDir, `bench-${p.label}`, g.repos[repo]!.name);
        const { after } = await commitFiles(dir, { branch: branchFor({ id: r.taskId, taskClass: "docs_update" }), files: { [`PERSON-${i}.md`]: "a person's work\n" }, message: "A person's commit", author: { name: "Person", email: "person@example.test" }, parent: (await branchSha(dir, "main"))! });
        human = after;
      }
      tasks.push({ ...r, human });
    }
    const env = { ...g.env, DATABASE_URL: databaseUrl, QUEUE_PREFIX: prefix };
    const workers: WorkerProcess[] = await Promise.all(Array.from({ length: SLOTS }, () => spawnWorker(env, ["--concurrency", "1"], children)));
    const started = Date.now();
    const since = g.exchanges.length;
    for (const t of tasks) await enqueuePublish(t.runId);
    let running = true;
    let kills = 0;
    const killer = p.kills ? (async () => {
      while (running) {
        await sleep(KILL_EVERY_MS);
        if (!running) break;
        const victim = workers.shift();
        if (!victim) continue;
        await victim.kill("SIGKILL");
        kills++;
        void spawnWorker(env, ["--concurrency", "1"], children).then((w) => workers.push(w), (e: Error) => console.log(`    a replacement worker did not start: ${e.message}`));
      }
    })() : Promise.resolve();
    const ids = tasks.map((t) => t.taskId);
    let done = 0;
    while (Date.now() - started < p.limitMs) {
      done = await db.changeset.count({ where: { taskId: { in: ids }, state: { in: ["draft", "edited"] } } });
      if (done === tasks.length) break;
      await sleep(1_000);
    }
    const seconds = (Date.now() - started) / 1000;
    running = false;
    await killer;
    await check(g, p, tasks, since, seconds, kills);
  } finally {
    await stopWorkers(children);
    await closeQueues();
    await obliterateQueues(prefix, queueNames(JOB_HANDLERS));
    await g.close();
  }
}

async function check(g: GithubBench, p: Phase, tasks: { taskId: string; human: string | null }[], since: number, seconds: number, kills: number): Promise<void> {
  const changesets = await db.changeset.findMany({ where: { taskId: { in: tasks.map((t) => t.taskId) } }, select: { taskId: true, state: true, prNumber: true, branch: true, repositoryId: true } });
  const byTask = new Map(changesets.map((c) => [c.taskId, c]));
  const lost = tasks.filter((t) => { const c = byTask.get(t.taskId); return !c || (t.human ? c.state !== "edited" : c.state !== "draft" || c.prNumber === null); });
  const pulls = g.twin.ctx.store.data.pulls;
  const perBranch = new Map<string, number>();
  for (const pr of pulls) perBranch.set(`${pr.repositoryId}:${pr.head.ref}`, (perBranch.get(`${pr.repositoryId}:${pr.head.ref}`) ?? 0) + 1);
  const duplicates = [...perBranch.values()].filter((n) => n > 1).length;
  let overwritten = 0;
  for (const t of tasks.filter((x) => x.human)) {
    const c = byTask.get(t.taskId);
    const repo = g.repos.find((r) => r.id === c?.repositoryId);
    if (!c || !repo) continue;
    const head = await branchSha(repositoryDir(g.twin.ctx.store.dataDir, `bench-${p.label}`, repo.name), c.branch);
    if (head !== t.human) overwritten++;
  }
  const writes = g.exchanges.slice(since).filter(isContentWrite).map((e) => e.at);
  const minute = mostInWindow(writes, 60_000);
  const hour = mostInWindow(writes, 3_600_000);
  const sorted = [...writes].sort((a, b) => a - b);
  const closest = sorted.slice(1).reduce((m, t, i) => Math.min(m, t - sorted[i]!), Infinity);
  const limited = g.exchanges.slice(since).filter((e) => e.status === 403 || e.status === 429).length;
  console.log(`  ${fmt(tasks.length - lost.length)} of ${fmt(tasks.length)} published (${tasks.filter((t) => t.human).length} of them frozen as edited) in ${fmt(seconds, 1)} s; ${kills} workers killed; ${limited} secondary-limit answers`);
  console.log(`  lost: ${lost.length}; branches with more than one PR: ${duplicates}; pushes over a person's commit: ${overwritten}`);
  console.log(`  content-creating requests: ${fmt(writes.length)}; most in any minute ${fmt(minute)} (limit ${fmt(p.pace.perMinute)}), in any hour ${fmt(hour)} (limit ${fmt(p.pace.perHour)}); closest two ${Number.isFinite(closest) ? `${fmt(closest)} ms` : "n/a"} apart (spacing ${p.pace.spacingMs} ms)`);
  const published = tasks.length - lost.length;
  const perMinute = (published / seconds) * 60;
  // What a publication cost here in content-creating requests (the PR, its labels, any refused attempt).
  const perPublication = published ? writes.length / published : 2;
  figure(`(${p.label}) publications per minute`, perMinute, "/min", { value: p.pace.perMinute / perPublication, is: `the content-creating limit per minute over the ${fmt(perPublication, 1)} such requests a publication took` });
  figure(`(${p.label}) most content-creating requests in a sliding minute`, minute, "req", { value: p.pace.perMinute, is: "the configured limit" });
}
