// The PR-storm scheduler's one decision: under the tenant's bucket row lock, count what occupies the
// caps (count-slots.ts), then walk the tenant's held changesets oldest first and the one being
// published last, giving each that fits a reserved slot (its tokens taken, moved to `publishing`)
// and holding each that does not with the first cap it meets. One transaction, so with any number of
// workers no cap is exceeded by Fleetgate, and a freed slot goes to the oldest work that fits.
import { isOpenAt, localLabel, nextOpening } from "../../campaigns/schedule-clock";
import type { Tx } from "../../db/client";
import { effectiveGovernance, type Place } from "../../policy/effective-governance";
import { loadPolicySets } from "../../policy/load-policy-sets";
import { transitionChangeset } from "../changesets/changeset-transitions";
import { capSet, type CampaignPacing, type CapSet } from "./cap-set";
import { countSlots, type SlotCounts } from "./count-slots";
import { holdSentence, type HoldFacts, type HoldKind } from "./hold-kinds";
import { loadCandidates, loadPacing, type Candidate } from "./load-candidates";
import { hasToken, nextTokenAt, refill, takeToken, type Bucket, type Budget } from "./token-bucket";

export type Allocation = {
  /** The changeset being published: admitted (it holds a slot now), held (why), or neither (`other`: its state). */
  own: { admitted: true } | { held: HoldKind; reason: string } | { other: string } | null;
  /** Held changesets this pass moved to `publishing` with a slot: their publications are to be enqueued. */
  released: { changesetId: string; runId: string }[];
  /** When a time-bound hold (a budget's next token, a schedule's next window) may next release something. */
  wakeAt: Date | null;
};

type Buckets = { row: (scope: string, budget: Budget) => Promise<Bucket>; dirty: Map<string, Bucket> };

async function lockTenant(tx: Tx, tenantId: string, budget: Budget | null): Promise<Date> {
  await tx.$executeRaw`INSERT INTO "PublishBucket" ("tenantId", scope, tokens) VALUES (${tenantId}, 'tenant', ${budget?.burst ?? 0}) ON CONFLICT DO NOTHING`;
  await tx.$queryRaw`SELECT 1 FROM "PublishBucket" WHERE "tenantId" = ${tenantId} AND scope = 'tenant' FOR UPDATE`;
  const [row] = await tx.$queryRaw<{ now: Date }[]>`SELECT clock_timestamp() AS now`;
  return row!.now;
}

function buckets(tx: Tx, tenantId: string, now: number): Buckets {
  const dirty = new Map<string, Bucket>();
  return {
    dirty,
    async row(scope, budget) {
      const known = dirty.get(scope);
      if (known) return known;
      await tx.$executeRaw`INSERT INTO "PublishBucket" ("tenantId", scope, tokens) VALUES (${tenantId}, ${scope}, ${budget.burst}) ON CONFLICT DO NOTHING`;
      const [r] = await tx.$queryRaw<{ tokens: number; refilledAt: Date }[]>`
        SELECT tokens, "refilledAt" FROM "PublishBucket" WHERE "tenantId" = ${tenantId} AND scope = ${scope} FOR UPDATE`;
      const b = refill({ tokens: r!.tokens, at: Math.min(r!.refilledAt.getTime(), now) }, budget, now);
      dirty.set(scope, b);
      return b;
    },
  };
}

type Verdict = { facts: HoldFacts; wakeAt: number | null } | { take: { scope: string; bucket: Bucket }[] };

async function judge(c: Candidate, caps: CapSet, pacing: CampaignPacing | null, counts: SlotCounts, b: Buckets, now: Date): Promise<Verdict> {
  const hold = (facts: HoldFacts, wakeAt: number | null = null): Verdict => ({ facts, wakeAt });
  if (caps.schedule && pacing && !isOpenAt(caps.schedule, now)) {
    const next = nextOpening(caps.schedule, now);
    return hold({ kind: "schedule", campaign: pacing.name, timezone: caps.schedule.timezone, nextAt: next, nextLocal: next ? localLabel(next, caps.schedule.timezone) : null }, next?.getTime() ?? null);
  }
  const over = (key: string, cap: number | null) => cap !== null && counts.get(key) >= cap;
  if (over(`repo:${c.repositoryId}`, caps.perRepository)) return hold({ kind: "repository", repository: `${c.owner}/${c.name}`, count: counts.get(`repo:${c.repositoryId}`), cap: caps.perRepository! });
  if (pacing && c.waveIndex !== null && over(`wave:${pacing.id}:${c.waveIndex}`, caps.perWave)) {
    return hold({ kind: "wave", campaign: pacing.name, wave: c.waveIndex, count: counts.get(`wave:${pacing.id}:${c.waveIndex}`), cap: caps.perWave! });
  }
  if (c.teamId && over(`team:${c.teamId}`, caps.openPerTeam)) return hold({ kind: "team_open", team: c.teamSlug!, count: counts.get(`team:${c.teamId}`), cap: caps.openPerTeam! });
  if (c.teamId && c.mode !== "draft_pr" && over(`review:${c.teamId}`, caps.awaitingReviewPerTeam)) {
    return hold({ kind: "team_review", team: c.teamSlug!, count: counts.get(`review:${c.teamId}`), cap: caps.awaitingReviewPerTeam! });
  }
  const take: { scope: string; bucket: Bucket }[] = [];
  for (const [scope, budget, campaign] of [["tenant", caps.tenantBudget, null], [`campaign:${pacing?.id}`, caps.campaignBudget, pacing?.name ?? null]] as const) {
    if (!budget) continue;
    const bucket = await b.row(scope, budget);
    if (!hasToken(bucket)) {
      const next = nextTokenAt(bucket, budget);
      return hold({ kind: "tenant_budget", campaign, rate: budget.rate, burst: budget.burst, nextAt: new Date(next) }, next);
    }
    take.push({ scope, bucket });
  }
  return { take };
}

/** `own`: the changeset a publisher is publishing, in `publishing` (or still held), with the cause of its attempt. */
export async function allocateSlots(tx: Tx, tenantId: string, own: { changesetId: string; cause: string } | null): Promise<Allocation> {
  const policy = await loadPolicySets(tx, tenantId);
  // The tenant's budget is set only where no target narrows it (document-schema.ts): one for all.
  const tenantBudget = effectiveGovernance(policy.active, {}).publishing.caps.prsPerHour;
  const now = await lockTenant(tx, tenantId, tenantBudget);
  const out: Allocation = { own: null, released: [], wakeAt: null };
  const candidates = await loadCandidates(tx, tenantId, own?.changesetId ?? null);
  const mine = own ? candidates.find((c) => c.id === own.changesetId) : undefined;
  if (own && mine && mine.state === "publishing") {
    const r = await tx.publishReservation.findUnique({ where: { changesetId: mine.id }, select: { outcome: true } });
    if (r?.outcome === "reserved") out.own = { admitted: true };
  }
  if (own && !mine) out.own = { other: "held behind the oldest held work" };
  // The publisher moved it to `publishing` (or left it held); anything else is someone else's move since.
  if (own && mine && mine.state !== "publishing" && mine.state !== "held") out.own = { other: mine.state };
  const counts = await countSlots(tx, tenantId);
  const pacing = await loadPacing(tx, tenantId, [...new Set(candidates.map((c) => c.campaignId).filter((x): x is string => x !== null))]);
  const b = buckets(tx, tenantId, now.getTime());
  if (tenantBudget) await b.row("tenant", tenantBudget);
  let wake = Infinity;

  for (const c of candidates) {
    if (c === mine && out.own) continue;
    const p = c.campaignId ? (pacing.get(c.campaignId) ?? null) : null;
    const place: Place = { repository: c.name, ...(c.teamSlug ? { team: c.teamSlug } : {}), ...(c.campaignId ? { campaign: c.campaignId } : {}), task: c.taskId };
    const caps = capSet(effectiveGovernance(policy.active, place), p);
    const verdict = await judge(c, caps, p, counts, b, now);
    if ("facts" in verdict) {
      if (verdict.wakeAt !== null) wake = Math.min(wake, verdict.wakeAt);
      const reason = holdSentence(verdict.facts);
      if (c === mine) out.own = { held: verdict.facts.kind, reason };
      // A held changeset keeps its place (heldAt) and is rewritten only when another cap holds it.
      if (c.state !== "held" || c.holdKind !== verdict.facts.kind) {
        await transitionChangeset(tx, c.id, {
          to: "held", cause: reason, actorLabel: "worker", data: { hold: verdict.facts.kind },
          set: { holdKind: verdict.facts.kind, flagReason: reason, heldAt: c.heldAt ?? now },
        });
      }
      continue;
    }
    for (const t of verdict.take) b.dirty.set(t.scope, takeToken(t.bucket));
    counts.add({ teamId: c.teamId, repositoryId: c.repositoryId, campaignId: c.campaignId, waveIndex: c.waveIndex, awaiting: c.mode !== "draft_pr" });
    const tookToken = verdict.take.some((t) => t.scope === "tenant");
    await tx.publishReservation.upsert({
      where: { changesetId: c.id },
      create: { tenantId, changesetId: c.id, draft: c.mode === "draft_pr", tookToken, reservedAt: now },
      update: { outcome: "reserved", draft: c.mode === "draft_pr", tookToken, reservedAt: now, settledAt: null },
    });
    const waited = c.heldAt ? ` after ${Math.round((now.getTime() - c.heldAt.getTime()) / 1000)} s held` : "";
    if (c.state === "held") {
      await transitionChangeset(tx, c.id, {
        to: "publishing", actorLabel: "worker", data: { slot: "reserved" },
        cause: c === mine ? `${own!.cause}${waited}` : `released${waited}: room under the PR-storm caps`,
      });
    }
    if (c === mine) out.own = { admitted: true };
    else out.released.push({ changesetId: c.id, runId: c.runId });
  }
  for (const [scope, bucket] of b.dirty) {
    await tx.$executeRaw`UPDATE "PublishBucket" SET tokens = ${bucket.tokens}, "refilledAt" = ${new Date(bucket.at)} WHERE "tenantId" = ${tenantId} AND scope = ${scope}`;
  }
  out.wakeAt = Number.isFinite(wake) ? new Date(wake) : null;
  return out;
}
