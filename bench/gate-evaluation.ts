// Figure (r): a campaign's stop gates evaluated over 1,000 changesets (issue 15: < 100 ms): every
// rate with its numerator, denominator and the runs behind it, in the one statement the waves'
// check runs (server/campaigns/evaluate-gates.ts), beside a second campaign of the same size in the
// same tables. Baseline: reading the same campaign's runs and changesets alone (their ids and the
// columns the gates look at), so the ratio shows what counting them into gates adds.
import { performance } from "node:perf_hooks";
import { evaluateGates } from "../server/campaigns/evaluate-gates";
import { db } from "../server/db/client";
import { figure } from "./figure";
import { fmt, heading, ms, summarise, target } from "./stats";

const RUNS = 20;
const GATES = { runFailureRate: 0.2, verifierFailureRate: 0.2, ciFailureRate: 0.2, closedWithoutMergeRate: 0.3, revertRate: 0.05, reviewVetoRate: 0.3, soakMinutes: 60 };

async function campaignOf(tenantId: string, repos: string[], name: string): Promise<string> {
  const c = await db.campaign.create({ data: { tenantId, name, specYaml: "", spec: {}, state: "running", ownerLabel: "bench", waveCount: 3 } });
  const tasks = await db.task.createManyAndReturn({
    data: repos.map((repositoryId) => ({ tenantId, repositoryId, taskClass: "docs_update", agentKind: "recipe", instruction: "bench", autonomy: "draft_pr", requesterLabel: "bench", campaignId: c.id })),
    select: { id: true, repositoryId: true },
  });
  // Some tasks were retried: an earlier failed attempt the latest one replaces.
  await db.run.createMany({
    data: tasks.filter((_, i) => i % 10 === 0).map((t) => ({ tenantId, taskId: t.id, repositoryId: t.repositoryId, taskClass: "docs_update", requesterLabel: "bench", campaignId: c.id, state: "failed" as const, failureClass: "agent_error" as const, queuedAt: new Date(Date.now() - 3_600_000) })),
  });
  const runs = await db.run.createManyAndReturn({
    data: tasks.map((t, i) => ({
      tenantId, taskId: t.id, repositoryId: t.repositoryId, taskClass: "docs_update", requesterLabel: "bench", campaignId: c.id,
      state: i % 13 === 0 ? ("failed" as const) : ("succeeded" as const), failureClass: i % 13 === 0 ? (i % 2 ? ("verifier_failed" as const) : ("agent_error" as const)) : null,
      verifierReport: i % 13 === 0 && i % 2 === 0 ? undefined : { profile: "node-test", results: [] }, finishedAt: new Date(),
    })),
    select: { id: true, taskId: true, repositoryId: true, state: true },
  });
  const now = Date.now();
  await db.changeset.createMany({
    data: runs.filter((r) => r.state === "succeeded").map((r, i) => {
      const state = (["open", "merged", "merged", "closed", "draft", "merged"] as const)[i % 6]!;
      return {
        tenantId, taskId: r.taskId, repositoryId: r.repositoryId, runId: r.id, campaignId: c.id, taskClass: "docs_update", mode: "draft_pr", state,
        branch: `fleetgate/docs-update/${r.taskId}`, baseBranch: "main", riskScore: 1, riskParts: [], prNumber: i + 1,
        checksState: (["passing", "failing", "passing", "pending", "passing"] as const)[i % 5]!, reviewState: (["approved", "changes_requested", "none", "approved"] as const)[i % 4]!,
        mergedAt: state === "merged" ? new Date(now - i * 60_000) : null, closedAt: state === "closed" ? new Date(now - i * 60_000) : null,
        revertedAt: state === "merged" && i % 40 === 1 ? new Date(now) : null,
      };
    }),
  });
  return c.id;
}

export async function benchGateEvaluation(changesets = 1_000): Promise<void> {
  heading(`(r) campaign gate evaluation over ${fmt(changesets)} changesets, ${RUNS} runs`);
  const tenant = await db.tenant.create({ data: { slug: "bench-gates", name: "Bench gates" } });
  const repos = await db.repository.createManyAndReturn({
    data: Array.from({ length: Math.ceil(changesets * 1.1) }, (_, i) => ({ tenantId: tenant.id, owner: "bench", name: `gated-${i}` })), select: { id: true },
  });
  const ids = repos.map((r) => r.id);
  const campaignId = await campaignOf(tenant.id, ids, "gated");
  await campaignOf(tenant.id, ids, "neighbour");
  const counted = await db.changeset.count({ where: { campaignId } });
  await db.$executeRawUnsafe(`ANALYZE "Run"; ANALYZE "Changeset"`);
  const evaluate: number[] = [];
  const read: number[] = [];
  let broken = "";
  for (let i = 0; i < RUNS + 1; i++) {
    let t = performance.now();
    const ev = await evaluateGates(db, tenant.id, campaignId, { gates: GATES });
    if (i > 0) evaluate.push(performance.now() - t);
    broken = ev.broken.map((g) => `${g.gate} ${g.numerator}/${g.denominator}`).join(", ");
    t = performance.now();
    await db.run.findMany({ where: { tenantId: tenant.id, campaignId }, select: { id: true, taskId: true, state: true, failureClass: true, queuedAt: true } });
    await db.changeset.findMany({ where: { tenantId: tenant.id, campaignId }, select: { id: true, runId: true, state: true, prNumber: true, checksState: true, reviewState: true, mergedAt: true, revertedAt: true } });
    if (i > 0) read.push(performance.now() - t);
  }
  const s = summarise(evaluate);
  const r = summarise(read);
  console.log(`  ${fmt(counted)} changesets; broken: ${broken || "none"}; evaluation p50 ${ms(s.p50)}, max ${ms(s.max)}; ${target(s.max < 100, "< 100 ms")}`);
  figure("(r) gate evaluation, 1,000 changesets, p50", s.p50, "ms", { value: r.p50, is: "reading the same runs and changesets alone" });
  figure("(r) gate evaluation, 1,000 changesets, max", s.max, "ms", { value: r.max, is: "reading the same runs and changesets alone" });
}
