// What the allocation reads about the changesets waiting for a slot (the tenant's held ones, oldest
// first, and the one being published) and about their campaigns' pacing.
import type { Tx } from "../../db/client";
import { ZCaps, ZSchedule } from "../../campaigns/campaign-spec";
import type { CampaignPacing } from "./cap-set";

export type Candidate = {
  id: string; runId: string; taskId: string; state: string; mode: string; heldAt: Date | null; holdKind: string | null;
  repositoryId: string; owner: string; name: string; teamId: string | null; teamSlug: string | null;
  campaignId: string | null; waveIndex: number | null;
};

/** Enough for any fleet the bench or a tenant holds at once; a longer queue waits its turn in later passes. */
export const MAX_HELD_PER_PASS = 5_000;

const select = (tx: Tx, tenantId: string, only: string | null, limit: number) => tx.$queryRaw<Candidate[]>`
  SELECT c.id, c."runId", c."taskId", c.state::text AS state, c.mode, c."heldAt", c."holdKind",
    c."repositoryId", r.owner, r.name, r."teamId", tm.slug AS "teamSlug", c."campaignId", t."waveIndex"
  FROM "Changeset" c
  JOIN "Repository" r ON r.id = c."repositoryId"
  LEFT JOIN "Team" tm ON tm.id = r."teamId"
  LEFT JOIN "CampaignTarget" t ON t."campaignId" = c."campaignId" AND t."repositoryId" = c."repositoryId"
  WHERE c."tenantId" = ${tenantId} AND (${only}::text IS NULL AND c.state = 'held' OR c.id = ${only})
  ORDER BY c."heldAt", c."createdAt", c.id
  LIMIT ${limit}`;

/** Held changesets oldest first (heldAt, then creation), then `changesetId` when it is not one of them. */
export async function loadCandidates(tx: Tx, tenantId: string, changesetId: string | null): Promise<Candidate[]> {
  const held = await select(tx, tenantId, null, MAX_HELD_PER_PASS);
  if (!changesetId || held.some((c) => c.id === changesetId)) return held;
  const [own] = await select(tx, tenantId, changesetId, 1);
  if (!own) return held;
  // Held but past the page: it waits in its place (a later pass reaches it).
  return own.state === "held" ? held : [...held, own];
}

/** A campaign's pacing from its spec (validated when saved; read leniently: a part that no longer parses paces nothing). */
export function pacingOf(c: { id: string; name: string; spec: unknown }): CampaignPacing {
  const spec = (c.spec ?? {}) as { caps?: unknown; schedule?: unknown };
  const caps = ZCaps.safeParse(spec.caps ?? {});
  const schedule = spec.schedule === undefined ? null : ZSchedule.safeParse(spec.schedule);
  const k = caps.success ? caps.data : {};
  return {
    id: c.id, name: c.name, prsPerHour: k.prsPerHour ?? null, openPerTeam: k.openPerTeam ?? null, awaitingReviewPerTeam: k.awaitingReviewPerTeam ?? null,
    perRepository: k.perRepository ?? null, perWave: k.perWave ?? null, securityFix: k.securityFix === true, schedule: schedule?.success ? schedule.data : null,
  };
}

/** Each campaign's pacing from its stored spec. */
export async function loadPacing(tx: Tx, tenantId: string, ids: string[]): Promise<Map<string, CampaignPacing>> {
  if (!ids.length) return new Map();
  const rows = await tx.campaign.findMany({ where: { tenantId, id: { in: ids } }, select: { id: true, name: true, spec: true } });
  return new Map(rows.map((c) => [c.id, pacingOf(c)]));
}
