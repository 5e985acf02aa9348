// What figures (j) and (k) share: a bench tenant with an operator and demo repositories cloned from
// remotes of their own, tasks created the way the API creates them (createTask: the run row, its
// event, the audit event, then the job), worker processes (workers/main.ts) on this figure's queues
// and run directory, and the clean-up of all of it.
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { loadUserActor } from "../server/auth/load-user-actor";
import { scopeFor } from "../server/authz/scope";
import { db } from "../server/db/client";
import { overrideEnv } from "../server/env";
import { runOperation, type OpContext } from "../server/core/op-context";
import { closeQueues, obliterateQueues } from "../server/jobs/enqueue";
import { queueNames } from "../server/jobs/start-workers";
import { JOB_HANDLERS } from "../server/wiring/job-handlers";
import { loadPolicySets } from "../server/policy/load-policy-sets";
import { ensureDemoRemotes } from "../server/repositories/demo-remotes";
import { cancelRun } from "../server/runs/cancel-run";
import { createTask } from "../server/runs/create-task";
import { spawnWorker, stopWorkers, type WorkerProcess } from "./worker-process";

export const TERMINAL = ["succeeded", "failed", "cancelled"];

/** One write (so there is a patch) and one sandboxed command. */
export const trivialRecipe = (label: string) =>
  `apiVersion: fleetgate/v1\nkind: Recipe\nmetadata: { name: bench-trivial }\nsteps:\n  - write: { path: BENCH.md, content: "${label}\\n" }\n  - run: cat BENCH.md\n`;

export type RunBench = {
  prefix: string;
  runsDir: string;
  repos: Record<string, string>;
  start: (repositoryId: string, label: string, recipe?: string) => Promise<string>;
  worker: (args?: string[]) => Promise<WorkerProcess>;
  close: () => Promise<void>;
};

export type { WorkerProcess };

/** repos: label -> [demo "owner/name", verifier profile]. */
export async function prepareRunBench(databaseUrl: string, slug: string, repos: Record<string, [string, string]>): Promise<RunBench> {
  const prefix = `fleetgate-bench-${slug}-${randomBytes(3).toString("hex")}`;
  // createTask's after-commit enqueue goes to this figure's queues, which only its workers consume.
  overrideEnv({ QUEUE_PREFIX: prefix });
  const runsDir = mkdtempSync(path.join(tmpdir(), `fleetgate-${slug}-runs-`));
  chmodSync(runsDir, 0o755); // the sandbox's host identity must pass through it
  const remotesDir = mkdtempSync(path.join(tmpdir(), `fleetgate-${slug}-remotes-`));
  const remotes = await ensureDemoRemotes(remotesDir);

  const t = await db.tenant.create({ data: { slug: `bench-${slug}`, name: `Bench ${slug}` }, select: { id: true, slug: true, name: true, status: true } });
  const user = await db.user.create({ data: { email: `operator@bench-${slug}.test`, name: "bench operator" } });
  await db.membership.create({ data: { tenantId: t.id, userId: user.id, roles: ["operator"] } });
  const ids: Record<string, string> = {};
  for (const [label, [full, profile]] of Object.entries(repos)) {
    // One demo remote may stand behind several bench repositories (one per verifier profile).
    const [owner, name] = full.split("/") as [string, string];
    ids[label] = (await db.repository.create({ data: { tenantId: t.id, owner, name: `${name}-${label}`, remoteUrl: remotes.get(full)!, verifierProfile: profile } })).id;
  }
  const actor = (await loadUserActor(user.id))!;

  const children = new Set<ChildProcess>();
  const as = async <T>(op: (ctx: OpContext) => Promise<T>) =>
    runOperation(scopeFor(actor, t, await loadPolicySets(db, t.id))!, { requestId: `bench-${randomBytes(4).toString("hex")}`, ip: null }, "bench", op);
  const start = async (repositoryId: string, label: string, recipe = trivialRecipe(label)) => {
    const r = await as((ctx) =>
      createTask(ctx, { repositoryId, taskClass: "docs_update", instruction: `bench ${label}`, autonomy: "dry_run_patch", agent: { kind: "recipe", recipe } }));
    if (r.state !== "queued") throw new Error(`a bench task was not queued but ${r.state}`);
    return r.runId;
  };

  const worker = (args: string[] = []) => spawnWorker({ DATABASE_URL: databaseUrl, QUEUE_PREFIX: prefix, RUNS_DIR: runsDir }, args, children);

  const close = async () => {
    // Runs a figure gave up on are cancelled, so the next figure's workers (whose reconciler sees
    // every run in the database) do not pick them up once this one's remotes are gone.
    const open = await db.run.findMany({ where: { tenantId: t.id, state: { notIn: ["succeeded", "failed", "cancelled"] } }, select: { id: true } });
    for (const r of open) await as((ctx) => cancelRun(ctx, r.id, "the bench figure ended")).catch(() => undefined);
    await stopWorkers(children);
    await closeQueues();
    await obliterateQueues(prefix, queueNames(JOB_HANDLERS));
    rmSync(runsDir, { recursive: true, force: true });
    rmSync(remotesDir, { recursive: true, force: true });
  };
  return { prefix, runsDir, repos: ids, start, worker, close };
}

/** Waits until every run is terminal or the deadline passes; answers the ones still not terminal. */
export async function waitForRuns(runIds: string[], deadline: number, pollMs = 20): Promise<string[]> {
  let open = [...runIds];
  while (open.length && Date.now() < deadline) {
    const done = await db.run.findMany({ where: { id: { in: open }, state: { in: ["succeeded", "failed", "cancelled"] } }, select: { id: true } });
    const ended = new Set(done.map((r) => r.id));
    open = open.filter((id) => !ended.has(id));
    if (open.length) await new Promise((r) => setTimeout(r, pollMs));
  }
  return open;
}
