// Pausing the run scheduler, for a tenant or globally (scheduler.global, declared on the routes):
// queued runs wait, running ones go on, nothing is refused. Resuming hands the waiting runs back to
// the queue at once.
import type { z } from "zod";
import { actorLabel } from "../authz/scope";
import { db, type Tx } from "../db/client";
import type { SchedulerPause } from "../db/generated/client";
import type { OpContext } from "../core/op-context";
import { enqueueRun } from "./run-jobs";
import type { ZPauseScheduler, ZSchedulerScope } from "./run-input";
import type { SchedulerState } from "./run-view";

const view = (p: SchedulerPause | undefined) => (p ? { reason: p.reason, pausedByLabel: p.pausedByLabel, pausedAt: p.pausedAt.toISOString() } : null);

export async function schedulerState(ctx: OpContext): Promise<SchedulerState> {
  const tenantId = ctx.scope.tenant.id;
  const [pauses, waiting] = await Promise.all([
    ctx.tx.schedulerPause.findMany({ where: { scope: { in: ["global", tenantId] } } }),
    ctx.tx.run.count({ where: { tenantId, state: "queued" } }),
  ]);
  return { tenant: view(pauses.find((p) => p.scope === tenantId)), global: view(pauses.find((p) => p.scope === "global")), waiting };
}

const scopeKey = (ctx: OpContext, scope: "tenant" | "global"): string => (scope === "tenant" ? ctx.scope.tenant.id : "global");

// Both are idempotent (asking twice, or two admins at once, answers the same state); each request
// is audited, saying whether it changed anything.
export async function pauseScheduler(ctx: OpContext, body: z.infer<typeof ZPauseScheduler>): Promise<SchedulerState> {
  const key = scopeKey(ctx, body.scope);
  const actor = ctx.scope.actor;
  const created = await ctx.tx.schedulerPause.createMany({
    data: [{ scope: key, tenantId: key === "global" ? null : key, reason: body.reason, pausedById: actor.kind === "user" ? actor.id : actor.userId, pausedByLabel: actorLabel(actor) }],
    skipDuplicates: true,
  });
  await ctx.audit({ action: "scheduler.pause", resourceType: "scheduler", resourceId: key, after: { scope: body.scope, reason: body.reason, changed: created.count > 0 } });
  return schedulerState(ctx);
}

export async function resumeScheduler(ctx: OpContext, body: z.infer<typeof ZSchedulerScope>): Promise<SchedulerState> {
  const key = scopeKey(ctx, body.scope);
  const removed = await ctx.tx.schedulerPause.deleteMany({ where: { scope: key } });
  await ctx.audit({ action: "scheduler.resume", resourceType: "scheduler", resourceId: key, after: { scope: body.scope, changed: removed.count > 0 } });
  if (removed.count) {
    const waiting = await ctx.tx.run.findMany({ where: { state: "queued", ...(key === "global" ? {} : { tenantId: key }) }, select: { id: true }, orderBy: { queuedAt: "asc" }, take: 5_000 });
    const round = Date.now();
    ctx.afterCommit(async () => { for (const r of waiting) await enqueueRun(r.id, `resumed-${round}`); });
  }
  return schedulerState(ctx);
}

/** Whether the scheduler holds this tenant's queued runs (its own pause or the global one). */
export async function schedulerPaused(tenantId: string, tx: Tx = db): Promise<SchedulerPause | null> {
  return tx.schedulerPause.findFirst({ where: { scope: { in: ["global", tenantId] } } });
}
