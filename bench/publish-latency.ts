// Figure (o): a succeeded run to an open PR (the create call answered; labels and reviewers follow)
// with an idle installation queue and GitHub's default pace, against the twin, beside the twin's bare
// create-PR round trip; and a webhook received to its changeset updated, beside one PostgreSQL
// transaction of an insert and an update. Deliveries go from the twin to a receiver in this process
// (the route's own function) and are applied by an in-process worker of their queue.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { db } from "../server/db/client";
import { overrideEnv } from "../server/env";
import { branchSha, commitFiles, repositoryDir } from "../server/github/twin/bare-repository";
import { performHumanAction } from "../server/github/twin/human-actions";
import { receiveDelivery } from "../server/github/webhooks/receive-delivery";
import { publishRun } from "../server/github/publish/publish-run";
import { closeQueues } from "../server/jobs/enqueue";
import { startWorkers } from "../server/jobs/start-workers";
import { JOB_HANDLERS } from "../server/wiring/job-handlers";
import { figure } from "./figure";
import { prepareGithubBench } from "./github-bench";
import { fmt, heading, summarise, target } from "./stats";

const N = 20;

export async function benchPublishLatency(): Promise<void> {
  heading(`(o) run succeeded -> PR open (${N} runs, idle installation queue, GitHub's default pace), and webhook received -> changeset updated`);
  overrideEnv({ QUEUE_PREFIX: `fleetgate-bench-o-${process.pid}` });
  const receiver = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const request = new Request(`http://127.0.0.1${req.url}`, { method: "POST", headers: req.headers as Record<string, string>, body: Buffer.concat(chunks) });
    const answer = await receiveDelivery(request).catch((e: Error) => ({ status: 500, body: { error: e.message } }));
    res.writeHead(answer.status, { "content-type": "application/json" }).end(JSON.stringify(answer.body));
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  const g = await prepareGithubBench("o", { repos: 1, pace: { spacingMs: 1000, perMinute: 80, perHour: 500 }, webhookUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/api/github/webhooks` });
  const workers = await startWorkers(JOB_HANDLERS.filter((h) => h.job.name === "github.process-delivery"), { schedule: false });
  try {
    const repo = g.repos[0]!;
    const owner = `bench-o`;
    // Baseline: the twin's own create-PR round trip for a branch that is already there.
    const dir = repositoryDir(g.twin.ctx.store.dataDir, owner, repo.name);
    const token = await g.token();
    const bare: number[] = [];
    const main = (await branchSha(dir, "main"))!;
    for (let i = 0; i < N; i++) {
      await commitFiles(dir, { branch: `baseline-${i}`, files: { [`baseline-${i}.md`]: "x\n" }, message: "baseline", author: { name: "bench", email: "bench@example.test" }, parent: main });
      const t0 = performance.now();
      const res = await fetch(`${g.twin.url}/repos/${owner}/${repo.name}/pulls`, {
        method: "POST", headers: { authorization: `token ${token}`, "content-type": "application/json", accept: "application/vnd.github+json" },
        body: JSON.stringify({ title: `baseline ${i}`, head: `baseline-${i}`, base: "main", draft: true }),
      });
      await res.arrayBuffer();
      bare.push(performance.now() - t0);
      if (res.status !== 201) throw new Error(`the baseline PR was not created: ${res.status}`);
    }
    const opened: number[] = [];
    const published: number[] = [];
    const changesets: { id: string; prNumber: number }[] = [];
    for (let i = 0; i < N; i++) {
      const { runId, taskId } = await g.succeededRun(0, `o-${i}`);
      // An idle queue: the previous publication's last write is more than the spacing ago.
      await sleep(1_100);
      const t0 = Date.now();
      const result = await publishRun(runId);
      published.push(Date.now() - t0);
      const cs = await db.changeset.findUniqueOrThrow({ where: { taskId } });
      if (!cs.prNumber) throw new Error(`run ${runId} was not published: ${result}`);
      const create = g.exchanges.find((e) => e.method === "POST" && e.status === 201 && /\/pulls$/.test(e.path) && (e.body as { number?: number }).number === cs.prNumber);
      opened.push(create!.at - t0);
      changesets.push({ id: cs.id, prNumber: cs.prNumber });
    }
    const o = summarise(opened);
    const b = summarise(bare);
    const all = summarise(published);
    console.log(`  PR open after: p50 ${fmt(o.p50)} ms, p95 ${fmt(o.p95)} ms (${target(o.p95 < 3_000, "p95 < 3 s")}); whole publication with labels: p50 ${fmt(all.p50)} ms, p95 ${fmt(all.p95)} ms`);
    figure("(o) run succeeded -> PR open p50", o.p50, "ms", { value: b.p50, is: "the twin's bare create-PR round trip p50" });
    figure("(o) run succeeded -> PR open p95", o.p95, "ms", { value: b.p95, is: "the twin's bare create-PR round trip p95" });

    // Webhooks: a reviewer approves each PR on the twin; GitHub's delivery reaches the receiver.
    const since = new Date();
    for (const cs of changesets) await performHumanAction(g.twin.ctx, { action: "approve", repo: `${owner}/${repo.name}`, user: "reviewer", number: cs.prNumber });
    const deadline = Date.now() + 60_000;
    let rows: { receivedAt: Date; processedAt: Date | null }[] = [];
    while (Date.now() < deadline) {
      rows = await db.githubDelivery.findMany({ where: { event: "pull_request_review", receivedAt: { gte: since } }, select: { receivedAt: true, processedAt: true } });
      if (rows.length >= changesets.length && rows.every((r) => r.processedAt)) break;
      await sleep(50);
    }
    const applied = rows.filter((r) => r.processedAt).map((r) => r.processedAt!.getTime() - r.receivedAt.getTime());
    const tx: number[] = [];
    for (let i = 0; i < N; i++) {
      const t0 = performance.now();
      await db.$transaction(async (t) => {
        await t.$executeRaw`CREATE TEMP TABLE IF NOT EXISTS bench_o (id int) ON COMMIT DROP`;
        await t.$executeRaw`INSERT INTO bench_o VALUES (1)`;
        await t.$executeRaw`UPDATE bench_o SET id = 2`;
      });
      tx.push(performance.now() - t0);
    }
    const w = summarise(applied);
    const base = summarise(tx);
    console.log(`  ${applied.length} of ${changesets.length} review deliveries applied; received -> changeset updated p50 ${fmt(w.p50)} ms, p95 ${fmt(w.p95)} ms (${target(w.p95 < 200, "p95 < 200 ms")})`);
    figure("(o) webhook received -> changeset updated p95", w.p95, "ms", { value: base.p95, is: "one PostgreSQL transaction (insert + update) p95" });
  } finally {
    await workers.close();
    await closeQueues();
    await g.close();
    receiver.close();
  }
}
