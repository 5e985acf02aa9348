// The campaign and wave state machines, each as one table. A transition is a conditional update (it
// happens only from the states allowed), with its audit event, in the caller's transaction; a
// refused one writes nothing and says the state the campaign is in.
import { AppError } from "../core/app-error";
import type { AuditRecord, OpContext } from "../core/op-context";
import type { Tx } from "../db/client";
import type { CampaignState, CampaignWaveState, Prisma } from "../db/generated/client";

// awaiting_approval goes back to draft when the launch is denied, expires or is withdrawn; waves are
// promoted, and gates pause a running campaign, in later work that moves only along these edges.
const NEXT: Record<CampaignState, readonly CampaignState[]> = {
  draft: ["awaiting_approval", "running", "aborted"],
  awaiting_approval: ["draft", "running", "aborted"],
  running: ["paused", "completed", "aborted"],
  paused: ["running", "aborted"],
  completed: [],
  aborted: [],
};
const WAVE_NEXT: Record<CampaignWaveState, readonly CampaignWaveState[]> = {
  pending: ["running"],
  running: ["paused", "done"],
  paused: ["running", "done"],
  done: [],
};

export const canMoveCampaign = (from: CampaignState, to: CampaignState) => NEXT[from].includes(to);
export const isEnded = (s: CampaignState) => NEXT[s].length === 0;

/** The 409 for an operation asked of a campaign in a state it does not apply to. */
export const wrongState = (state: CampaignState, what: string) =>
  new AppError("conflict", `the campaign is ${state.replace("_", " ")}: ${what}`, { state });

export type CampaignTransition = {
  to: CampaignState;
  /** Why, in a sentence; kept as the campaign's stateReason. */
  cause: string;
  /** The audit action (campaign.launch, campaign.pause, ...). */
  action: string;
  audit: (event: AuditRecord) => Promise<void>;
  set?: Prisma.CampaignUpdateInput;
  data?: Record<string, unknown>;
};

/** Returns the state the campaign left, or null when it may not move there now (nothing written). */
export async function transitionCampaign(tx: Tx, campaignId: string, t: CampaignTransition): Promise<CampaignState | null> {
  const [row] = await tx.$queryRaw<{ state: CampaignState }[]>`SELECT state::text AS state FROM "Campaign" WHERE id = ${campaignId} FOR UPDATE`;
  if (!row || !canMoveCampaign(row.state, t.to)) return null;
  const now = new Date();
  await tx.campaign.update({
    where: { id: campaignId },
    data: {
      ...t.set, state: t.to, stateReason: t.cause,
      ...(t.to === "running" && (row.state === "draft" || row.state === "awaiting_approval") ? { launchedAt: now } : {}),
      ...(isEnded(t.to) ? { endedAt: now } : {}),
    },
  });
  await t.audit({ action: t.action, resourceType: "campaign", resourceId: campaignId, before: { state: row.state }, after: { state: t.to, cause: t.cause, ...t.data } });
  return row.state;
}

/** Moves the campaign's waves that are in `from` (and may move) to `to`; returns how many moved. */
export async function moveWaves(tx: Tx, campaignId: string, from: readonly CampaignWaveState[], to: CampaignWaveState, reason: string, only?: { index: number }): Promise<number> {
  const allowed = from.filter((s) => WAVE_NEXT[s].includes(to));
  if (!allowed.length) return 0;
  const now = new Date();
  const moved = await tx.campaignWave.updateMany({
    where: { campaignId, state: { in: [...allowed] }, ...(only ? { index: only.index } : {}) },
    data: { state: to, stateReason: reason, ...(to === "running" ? { startedAt: now } : {}), ...(to === "done" ? { finishedAt: now } : {}) },
  });
  return moved.count;
}

/** Locks one of the tenant's campaigns for the operation; another tenant's answers 404 like a missing one. */
export async function lockCampaign(ctx: OpContext, campaignId: string) {
  const tenantId = ctx.scope.tenant.id;
  await ctx.tx.$queryRaw`SELECT 1 FROM "Campaign" WHERE id = ${campaignId} AND "tenantId" = ${tenantId} FOR UPDATE`;
  const c = await ctx.tx.campaign.findFirst({ where: { id: campaignId, tenantId } });
  if (!c) throw new AppError("not_found", "campaign not found");
  return c;
}
