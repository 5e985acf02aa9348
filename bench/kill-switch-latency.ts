// Figure (m): from a kill switch being set to every run it covers stopped. A worker process (4
// slots) executes 4 runs whose command sleeps for a minute while 4 more wait in the queue; a tenant
// admin sets a repository switch that stops running work (as the API does: setKillSwitch in one
// transaction). Timed: from the set call to the last covered run's finishedAt (the worker's
// heartbeat, every 1.5 s, or the gateway's check before a tool call stops executing runs; the set
// itself ends waiting ones). Repeated a few times, releasing the switch between trials.
import { performance } from "node:perf_hooks";
import { loadUserActor } from "../server/auth/load-user-actor";
import { scopeFor } from "../server/authz/scope";
import { db } from "../server/db/client";
import { runOperation } from "../server/core/op-context";
import { ZSetKillSwitch } from "../server/kill-switches/kill-switch-input";
import { releaseKillSwitch } from "../server/kill-switches/release-kill-switch";
import { setKillSwitch } from "../server/kill-switches/set-kill-switch";
import { loadPolicySets } from "../server/policy/load-policy-sets";
import { prepareRunBench, waitForRuns } from "./run-fixture";
import { figure } from "./figure";
import { fmt, heading, ms, summarise, target } from "./stats";

const SLEEPER = `apiVersion: fleetgate/v1\nkind: Recipe\nmetadata: { name: bench-sleeper }\nsteps:\n  - run: "sleep 60"\n`;

export async function benchKillSwitch(databaseUrl: string, trials = 3, executing = 4, waiting = 4): Promise<void> {
  heading(`(m) kill switch set to every covered run stopped: ${trials} trials, ${executing} executing + ${waiting} queued runs, one worker process (4 slots)`);
  const bench = await prepareRunBench(databaseUrl, "killswitch", { a: ["acme/docs-site", "node-test"] });
  try {
    const repositoryId = bench.repos.a!;
    const tenantId = (await db.repository.findUniqueOrThrow({ where: { id: repositoryId }, select: { tenantId: true } })).tenantId;
    const user = await db.user.create({ data: { email: "admin@bench-killswitch.test", name: "bench admin" } });
    await db.membership.create({ data: { tenantId, userId: user.id, roles: ["tenant_admin"] } });
    const tenant = await db.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { id: true, slug: true, name: true, status: true } });
    const asAdmin = async <T>(fn: Parameters<typeof runOperation<T>>[3]) =>
      runOperation((scopeFor((await loadUserActor(user.id))!, tenant, await loadPolicySets(db, tenantId)))!, { requestId: `bench-ks-${Date.now()}`, ip: null }, "bench", fn);
    await bench.worker();
    const samples: number[] = [];
    for (let trial = 1; trial <= trials; trial++) {
      const ids: string[] = [];
      for (let i = 0; i < executing + waiting; i++) ids.push(await bench.start(repositoryId, `ks-${trial}-${i}`, SLEEPER));
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline && (await db.run.count({ where: { id: { in: ids }, state: "running" } })) < executing) await new Promise((r) => setTimeout(r, 50));
      const t0 = Date.now();
      const started = performance.now();
      const set = await asAdmin((ctx) => setKillSwitch(ctx, ZSetKillSwitch.parse({ level: "repository", target: repositoryId, effects: ["new_runs", "running"], reason: `bench trial ${trial}` })));
      const setMs = performance.now() - started;
      const open = await waitForRuns(ids, Date.now() + 30_000);
      const runs = await db.run.findMany({ where: { id: { in: ids } }, select: { state: true, finishedAt: true } });
      const last = Math.max(...runs.map((r) => r.finishedAt?.getTime() ?? Infinity)) - t0;
      samples.push(last);
      const states = runs.reduce<Record<string, number>>((m, r) => ({ ...m, [r.state]: (m[r.state] ?? 0) + 1 }), {});
      console.log(`  trial ${trial}: set in ${ms(setMs)} (${set.stoppedWaiting} waiting stopped at once); every covered run stopped after ${ms(last)}; ${JSON.stringify(states)}${open.length ? `; ${open.length} NOT stopped within 30 s` : ""}`);
      await asAdmin((ctx) => releaseKillSwitch(ctx, set.killSwitch.id, "bench trial over"));
    }
    const s = summarise(samples);
    figure("(m) kill switch set to every covered run stopped, max", s.max, "ms");
    console.log(`  set to all stopped: p50 ${ms(s.p50)}, max ${ms(s.max)} over ${fmt(trials)} trials: ${target(s.max < 5_000, "under 5 s")}`);
  } finally {
    await bench.close();
  }
}
