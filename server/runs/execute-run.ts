// One worker executing one run, under its lease: preparing (a fresh checkout, or the same workspace
// when a paused run resumes), running (the agent, every effect through the tool gateway), verifying
// (boundary report, verifiers, the patch). The heartbeat renews the lease and stops the run within
// a beat when it is cancelled, a kill switch covers it, or the lease is lost.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { RunInterrupted, type AgentAdapter, type AgentLimits, type AgentResult } from "../agent/types";
import { modelAdapter } from "../agent/model-adapter";
import { parseRecipe } from "./recipe-schema";
import { recipeAdapter } from "../agent/recipe-adapter";
import { db } from "../db/client";
import { Prisma, type RunFailureClass } from "../db/generated/client";
import { coveringSwitches, describeSwitch } from "../kill-switches/covering-switches";
import { logger } from "../log/logger";
import { loadModelConfig } from "../model-endpoints/load-model-config";
import { prepareWorkspace, removeWorkspace, workspacePath } from "../sandbox/prepare-workspace";
import { enqueuePublish } from "../github/publish/publish-job";
import { withStepToken } from "../github/token-leases";
import { runVerifierSnapshot } from "../verifier-profiles/snapshot-verifier-profile";
import { finishRun } from "./finish-run";
import { followUpInstruction } from "./follow-up-instruction";
import { acquireLease, HEARTBEAT_MS, LEASE_MS, MAX_LEASES, renewLease, workerId } from "./run-lease";
import { runContext, type RunContext } from "./run-context";
import { createToolGateway } from "./tool-gateway";
import { holdModelCall } from "./hold-model-call";
import { transitionRun, type Transition } from "./run-transitions";

const RECIPE_LIMITS: AgentLimits = { maxTurns: 40, requestTimeoutMs: 60_000 };

/** handOver: this worker lets go and the run stays for another one (its lease expires, the reconciler re-enqueues it). */
type Stop = { failureClass: RunFailureClass; message: string; cancel: boolean; handOver?: true };

export async function executeRun(runId: string): Promise<string> {
  const owner = workerId();
  // A paused scheduler holds queued runs (they stay queued; resuming enqueues them again).
  const paused = await db.$queryRaw<{ reason: string }[]>`
    SELECT p.reason FROM "SchedulerPause" p JOIN "Run" r ON p.scope IN ('global', r."tenantId") WHERE r.id = ${runId} AND r.state = 'queued' LIMIT 1`;
  if (paused.length) return `waiting: the scheduler is paused (${paused[0]!.reason})`;
  // So does a paused campaign, for its own queued runs (resuming it enqueues them again).
  const campaign = await db.$queryRaw<{ name: string }[]>`
    SELECT c.name FROM "Run" r JOIN "Campaign" c ON c.id = r."campaignId" WHERE r.id = ${runId} AND r.state = 'queued' AND c.state = 'paused'`;
  if (campaign.length) return `waiting: its campaign ${campaign[0]!.name} is paused`;
  const leased = await acquireLease(runId, owner);
  if (!leased) return "not runnable here: leased by another worker, waiting, cancelled or ended";
  const move = (t: Omit<Transition, "leaseOwner">) => db.$transaction((tx) => transitionRun(tx, runId, { ...t, leaseOwner: owner }));
  if (leased.leaseCount > MAX_LEASES) {
    await move({ to: "failed", failureClass: "infrastructure", cause: `taken by workers ${leased.leaseCount - 1} times without finishing (worker crashes or lost leases)` });
    return "failed: too many attempts";
  }
  const abort = new AbortController();
  let stop: Stop | null = null;
  const halt = (s: Stop) => { if (!stop) { stop = s; abort.abort(s.message); } };
  const lease = { renewedAt: Date.now() };
  let run: RunContext | undefined;
  const beat = setInterval(() => {
    // A worker whose renewals stall (a saturated machine, a hung connection) stops its own work
    // before the lease can expire and another worker take the run over.
    if (Date.now() - lease.renewedAt > LEASE_MS - 2 * HEARTBEAT_MS) halt({ failureClass: "infrastructure", message: "the lease could not be renewed in time", cancel: false, handOver: true });
    if (run) void heartbeat(run, owner, halt, lease).catch((e: Error) => logger.warn("run heartbeat failed", { run: runId, error: e.message }));
  }, HEARTBEAT_MS);
  try {
    run = await runContext(runId);
    // Fails closed before any work: a run without its copy of the verifier profile is never verified.
    runVerifierSnapshot(run);
    const resumed = leased.state === "queued" && !!run.agentState && existsSync(workspacePath(runId));
    const startCause = leased.state === "queued" ? (resumed ? `resumed by ${owner}` : `taken by ${owner}`) : `restarted by ${owner}: the previous worker stopped without finishing`;
    if (!(await move({ to: "preparing", cause: startCause }))) return "the run moved on before it could start";
    const work = { tenantId: run.tenantId, repositoryId: run.repositoryId, campaignId: run.campaignId };
    // Both effects stop a run that (re)starts here: one taken after its worker died is still "running" work.
    const switches = [...await coveringSwitches(db, work, "new_runs"), ...await coveringSwitches(db, work, "running")];
    if (switches.length) throw new RunInterrupted("stopped", `not started: ${describeSwitch(switches[0]!)}`);
    let baseSha = run.baseSha;
    if (!resumed) {
      if (!run.repository.remoteUrl) throw new Error(`${run.repository.owner}/${run.repository.name} has no remote to clone from`);
      const ws = await checkOut(run);
      baseSha = ws.baseSha;
    }
    const versions = Object.fromEntries(run.policy.active.documents.map((d) => [d.document.metadata.name, d.version]));
    const policyHash = createHash("sha256").update(run.policy.active.documents.map((d) => d.hash).sort().join(",")).digest("hex");
    const cause = resumed ? "the workspace kept from before the pause" : `cloned ${run.repository.owner}/${run.repository.name} at ${baseSha!.slice(0, 12)}`;
    // A null move means the run left this worker (cancelled, taken over): nothing more happens here.
    if (!await move({
      to: "running", cause,
      set: { baseSha, effectivePolicyHash: policyHash, policyVersions: versions, ...(resumed ? {} : { agentState: Prisma.DbNull, pendingToolCall: Prisma.DbNull }) },
    })) return "the run moved on before the agent started";

    const result = await runAgent(run, owner, abort.signal, resumed ? run.agentState : null);
    if (stop) throw new RunInterrupted("stopped", (stop as Stop).message);
    if (result.outcome === "failed") {
      await move({ to: "failed", failureClass: result.failureClass, cause: result.message });
      return `failed: ${result.message}`;
    }
    if (!(await move({ to: "verifying", cause: `agent finished: ${result.summary}`, set: { summary: result.summary } }))) return "the run moved on before verifying";
    const finished = await finishRun(run, owner, baseSha!, abort.signal);
    // At once rather than at the reconciler's next pass (server/github/publish/reconcile-publications.ts).
    if (finished === "succeeded") await enqueuePublish(runId).catch((e: Error) => logger.warn("publication not enqueued; the reconciler will", { run: runId, error: e.message }));
    return finished;
  } catch (e) {
    if (e instanceof RunInterrupted && e.why === "awaiting_approval") return "waiting for approval";
    const s: Stop = stop ?? (!(e instanceof RunInterrupted) ? { failureClass: "infrastructure", message: (e as Error).message, cancel: false }
      // A hard budget refused a command or a verifier step (the gateway or finishRun said which).
      : e.why === "budget_exhausted" ? { failureClass: "budget_exhausted", message: e.message, cancel: false }
      : { failureClass: "cancelled", message: e.message, cancel: true });
    if (!stop && !(e instanceof RunInterrupted)) logger.error("run failed in the worker", { run: runId, error: (e as Error).message });
    if (s.handOver) return `handed over: ${s.message}`;
    await move({ to: s.cancel ? "cancelled" : "failed", failureClass: s.failureClass, cause: s.message }).catch(() => null);
    return `${s.cancel ? "cancelled" : "failed"}: ${s.message}`;
  } finally {
    clearInterval(beat);
    const now = await db.run.findUnique({ where: { id: runId }, select: { state: true } });
    if (now && ["succeeded", "failed", "cancelled"].includes(now.state)) await removeWorkspace(runId).catch(() => undefined);
  }
}

/**
 * A fresh checkout of the default branch: a repository reached through its GitHub installation is
 * cloned with a read-only step token. A follow-up starts from the patch of the run it revises.
 */
async function checkOut(run: RunContext) {
  const repo = run.repository;
  const checkout = { runId: run.id, remote: repo.remoteUrl!, branch: repo.defaultBranch, patch: await startingPatch(run) };
  const installation = repo.githubInstallationId ? await db.githubInstallation.findFirst({ where: { id: repo.githubInstallationId, tenantId: run.tenantId, deletedAt: null, suspendedAt: null } }) : null;
  if (repo.githubInstallationId && !installation) throw new Error(`${repo.owner}/${repo.name}'s GitHub installation is not active for this tenant (Admin → GitHub)`);
  if (!installation) return prepareWorkspace(checkout);
  const target = { tenantId: run.tenantId, repositoryId: repo.id, runId: run.id, installationGithubId: installation.githubId, owner: repo.owner, name: repo.name };
  return withStepToken(target, "clone", (lease) => prepareWorkspace({ ...checkout, token: lease.token }));
}

async function startingPatch(run: RunContext): Promise<string | undefined> {
  if (!run.followUp) return undefined;
  const patch = await db.runArtifact.findFirst({ where: { tenantId: run.tenantId, runId: run.followUp.ofRunId, kind: "patch" }, select: { content: true, restricted: true } });
  if (!patch || patch.restricted) throw new Error(`run ${run.followUp.ofRunId}, which this follow-up revises, kept no publishable patch to start from`);
  return patch.content;
}

type AgentOutcome = AgentResult | { outcome: "failed"; failureClass: RunFailureClass; message: string };

async function runAgent(run: RunContext, owner: string, signal: AbortSignal, state: unknown): Promise<AgentOutcome> {
  const agent = await agentFor(run);
  if ("failed" in agent) return { outcome: "failed", ...agent.failed };
  const gateway = createToolGateway({ run, dir: workspacePath(run.id), owner, signal });
  const instruction = run.followUp ? followUpInstruction(run.task.instruction, run.followUp.feedback, run.followUp.allowedPaths) : run.task.instruction;
  return agent.adapter.run({
    instruction, gateway, state, signal, limits: agent.limits,
    checkpoint: async (s) => { await db.run.updateMany({ where: { id: run.id, leaseOwner: owner }, data: { agentState: s as Prisma.InputJsonValue } }); },
    hold: (request) => holdModelCall(run, owner, request, agent.limits),
    // Added to what the gateway counted, key by key, in one statement under the lease.
    redacted: async (counts) => {
      const added = JSON.stringify(counts);
      const n = await db.$executeRaw`UPDATE "Run" SET redactions = (
          SELECT coalesce(jsonb_object_agg(k, coalesce((redactions->>k)::int, 0) + coalesce((${added}::jsonb->>k)::int, 0)), '{}'::jsonb)
          FROM jsonb_object_keys(redactions || ${added}::jsonb) AS k)
        WHERE id = ${run.id} AND "leaseOwner" = ${owner}`;
      if (n === 0) throw new RunInterrupted("stopped", "the run's lease was lost");
    },
  });
}

/**
 * The task's adapter and limits. A model task reads the tenant's endpoint now, and its key is
 * opened here, in the worker, and nowhere else; a configuration that cannot be used fails the run
 * as infrastructure, with what an admin must fix.
 */
async function agentFor(run: RunContext): Promise<{ adapter: AgentAdapter; limits: AgentLimits } | { failed: { failureClass: RunFailureClass; message: string } }> {
  if (run.task.agentKind === "model") {
    const loaded = await loadModelConfig(run.tenantId);
    if (!loaded.ok) return { failed: { failureClass: "infrastructure", message: `the model endpoint cannot be used: ${loaded.message}` } };
    return { adapter: modelAdapter(loaded.config), limits: loaded.limits };
  }
  const parsed = parseRecipe(run.task.recipe ?? "");
  if (!parsed.ok) return { failed: { failureClass: "agent_error", message: `the recipe does not parse: line ${parsed.problems[0]?.line}: ${parsed.problems[0]?.message}` } };
  return { adapter: recipeAdapter(parsed.recipe), limits: RECIPE_LIMITS };
}

async function heartbeat(run: RunContext, owner: string, halt: (s: Stop) => void, held: { renewedAt: number }): Promise<void> {
  const lease = await renewLease(run.id, owner);
  if (!lease) return halt({ failureClass: "infrastructure", message: "the lease was lost", cancel: false, handOver: true });
  held.renewedAt = Date.now();
  if (lease.cancelRequested) return halt({ failureClass: "cancelled", message: "cancelled on request", cancel: true });
  const switches = await coveringSwitches(db, { tenantId: run.tenantId, repositoryId: run.repositoryId, campaignId: run.campaignId }, "running");
  if (switches.length) halt({ failureClass: "cancelled", message: `stopped by ${describeSwitch(switches[0]!)}`, cancel: true });
}
