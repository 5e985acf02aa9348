// Setting a kill switch. It takes effect at once: the control plane refuses the work it covers
// (task creation, a queued run starting), workers stop covered running runs on their next heartbeat
// or tool call, and a switch that stops running work cancels the covered runs that wait (queued or
// awaiting approval) in this transaction. Setting is never subject to approval: stopping is always
// allowed to those who hold killswitch.set; a global switch also takes killswitch.global (its route says so).
import { appendAuditEvents, type AuditInput } from "../audit/append-event";
import { actorLabel } from "../authz/scope";
import { cancelApprovalsForSubject } from "../approvals/cancel-approval";
import type { Tx } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { AppError } from "../core/app-error";
import type { AuditRecord, OpContext } from "../core/op-context";
import { enqueueCloseDrafts } from "../github/contain/close-drafts-job";
import { revokeLeases } from "../github/token-leases";
import { transitionRun } from "../runs/run-transitions";
import { describeSwitch } from "./covering-switches";
import type { SetKillSwitchInput } from "./kill-switch-input";
import { viewsOf } from "./list-kill-switches";

const field = (path: string, message: string) => new AppError("validation_failed", `${path}: ${message}`, { issues: [{ path, message }] });

export async function setKillSwitch(ctx: OpContext, body: SetKillSwitchInput) {
  const tenantId = ctx.scope.tenant.id;
  const actor = ctx.scope.actor;
  const global = body.level === "global";
  if (body.level === "repository" && !(await ctx.tx.repository.findFirst({ where: { id: body.target!, tenantId }, select: { id: true } }))) {
    throw field("body.target", "no such repository in this tenant");
  }
  if (body.level === "campaign" && !(await ctx.tx.campaign.findFirst({ where: { id: body.target!, tenantId }, select: { id: true } }))) {
    throw field("body.target", "no such campaign in this tenant");
  }
  const owner = global ? null : tenantId;
  const same = await ctx.tx.killSwitch.findFirst({ where: { tenantId: owner, level: body.level, target: body.target ?? null, releasedAt: null } });
  if (same && body.effects.every((e) => same.effects.includes(e))) {
    throw new AppError("conflict", `already set: ${describeSwitch(same)} (since ${same.setAt.toISOString()})`, { killSwitch: same.id });
  }
  const by = actorLabel(actor);
  const row = await ctx.tx.killSwitch.create({
    data: { tenantId: owner, level: body.level, target: body.target ?? null, effects: body.effects, reason: body.reason, setById: actor.kind === "user" ? actor.id : actor.userId, setByLabel: by },
  });
  const stopped = body.effects.includes("running") ? await stopWaitingRuns(ctx, row.id, coveredRuns(owner, body), `stopped by ${describeSwitch(row)}`) : 0;
  // Revoked now, from this process, with each lease's sealed token: a token stops working before the
  // switch is even committed (revoking more than needed is harmless), and the count is in its audit event.
  const tokens = body.effects.includes("running") ? await revokeLeases(await coveredLeases(ctx.tx, owner, body), `revoked by ${describeSwitch(row)}`) : null;
  if (body.effects.includes("close_drafts")) ctx.afterCommit(() => enqueueCloseDrafts(row.id));
  await ctx.audit({
    action: "killswitch.set", resourceType: "killswitch", resourceId: row.id,
    after: { global, level: row.level, target: row.target, effects: row.effects, reason: row.reason, ...(tokens ? { leasesRevoked: tokens.revoked, leasesNotRevoked: tokens.failed } : {}) },
  });
  const [view] = await viewsOf(ctx.tx, tenantId, [row]);
  return { killSwitch: view!, stoppedWaiting: stopped };
}

/** The live leases of the work a switch covers (a campaign's: those of its runs). */
async function coveredLeases(tx: Tx, owner: string | null, body: SetKillSwitchInput): Promise<Prisma.TokenLeaseWhereInput> {
  const campaignRuns = body.level === "campaign"
    ? (await tx.run.findMany({ where: { tenantId: owner!, campaignId: body.target }, select: { id: true } })).map((r) => r.id)
    : null;
  return {
    ...(owner ? { tenantId: owner } : {}),
    ...(body.level === "repository" ? { repositoryId: body.target } : {}),
    ...(campaignRuns ? { runId: { in: campaignRuns } } : {}),
  };
}

function coveredRuns(owner: string | null, body: SetKillSwitchInput): Prisma.RunWhereInput {
  return {
    ...(owner ? { tenantId: owner } : {}),
    ...(body.level === "repository" ? { repositoryId: body.target } : body.level === "campaign" ? { campaignId: body.target } : {}),
  };
}

// Waiting runs ended in the switch's own transaction, at most this many; the rest are ended by the
// worker that would start them (it refuses covered work), so correctness never depends on the cap.
const STOP_AT_ONCE = 500;

/** Covered runs that are not executing end now; executing ones are the worker's to stop within a beat. */
async function stopWaitingRuns(ctx: OpContext, switchId: string, where: Prisma.RunWhereInput, cause: string): Promise<number> {
  const waiting = await ctx.tx.run.findMany({
    where: { ...where, state: { in: ["queued", "awaiting_approval"] } }, select: { id: true, tenantId: true }, orderBy: { id: "asc" }, take: STOP_AT_ONCE,
  });
  const here = ctx.scope.tenant.id;
  // Other tenants' trails (a global switch) are appended after every run lock is taken, like the
  // operation's own events, so the chain heads stay the last locks this transaction takes.
  const elsewhere: AuditInput[] = [];
  for (const run of waiting) {
    const audit = run.tenantId === here ? ctx.audit : async (e: AuditRecord) => void elsewhere.push({ tenantId: run.tenantId, actorType: "system", actorLabel: `kill switch ${switchId}`, ...e });
    await cancelApprovalsForSubject(ctx, "run", run.id, cause, run.tenantId === here ? undefined : { tenantId: run.tenantId, audit });
    await transitionRun(ctx.tx, run.id, { to: "cancelled", failureClass: "cancelled", cause, audit, data: { killSwitch: switchId } });
  }
  await appendAuditEvents(ctx.tx, elsewhere);
  return waiting.length;
}
