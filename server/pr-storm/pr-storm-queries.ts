// The PR-storm dashboard's queries, each one set-based over the tenant's changesets as filtered
// (campaign, repository, team): a tenant of 10,000 changesets answers each in milliseconds. Every
// query starts from base(), which is where the tenant scope is built in.
import type { Tx } from "../db/client";
import { Prisma } from "../db/generated/client";
import { bucketOf, type Buckets } from "../charts/time-buckets";

export type Scope = { tenantId: string; campaignId?: string; repositoryId?: string; teamId?: string | null };

// A PR that exists on GitHub and is neither merged nor closed (edited, flagged and blocked included).
const LIVE = Prisma.sql`cs.state IN ('draft', 'open', 'edited', 'needs_human', 'blocked') AND cs."prNumber" IS NOT NULL`;
const AWAITING_REVIEW = Prisma.sql`cs.state = 'open' AND cs."reviewState" IN ('none', 'review_required')`;
const LAST_ACTIVITY = Prisma.sql`coalesce(cs."lastEventAt", cs."openedAt", cs."createdAt")`;

/** The filtered changesets as cs, with their repository as r. */
function base(s: Scope): Prisma.Sql {
  const where = [Prisma.sql`cs."tenantId" = ${s.tenantId}`];
  if (s.campaignId) where.push(Prisma.sql`cs."campaignId" = ${s.campaignId}`);
  if (s.repositoryId) where.push(Prisma.sql`cs."repositoryId" = ${s.repositoryId}`);
  if (s.teamId !== undefined) where.push(s.teamId === null ? Prisma.sql`FALSE` : Prisma.sql`r."teamId" = ${s.teamId}`);
  return Prisma.sql`"Changeset" cs JOIN "Repository" r ON r.id = cs."repositoryId" AND r."tenantId" = cs."tenantId" WHERE ${Prisma.join(where, " AND ")}`;
}

export type KeyedMove = { k: string | null; i: number; delta: number };

/**
 * PRs open at each point, per team or repository, for the `top` keys with the highest count at any
 * point (and every key's total as k = '*'): +1 where a PR opened, -1 where it merged or closed.
 */
export function openMoves(tx: Tx, s: Scope, b: Buckets, by: "team" | "repository", top: number): Promise<KeyedMove[]> {
  const key = by === "team" ? Prisma.sql`r."teamId"` : Prisma.sql`cs."repositoryId"`;
  const ended = Prisma.sql`coalesce(cs."mergedAt", cs."closedAt")`;
  return tx.$queryRaw<KeyedMove[]>`
    WITH mv AS (
      SELECT ${key} AS k, ${bucketOf(b, Prisma.sql`cs."openedAt"`)} AS i, 1 AS d FROM ${base(s)}
        AND cs."openedAt" IS NOT NULL AND (${ended} IS NULL OR ${ended} > ${b.start}::timestamptz)
      UNION ALL
      SELECT ${key}, ${bucketOf(b, ended)}, -1 FROM ${base(s)}
        AND cs."openedAt" IS NOT NULL AND ${ended} > ${b.start}::timestamptz
    ),
    g AS (SELECT k, i, sum(d)::int AS delta FROM mv GROUP BY k, i),
    peak AS (SELECT k, max(v) AS v FROM (SELECT k, sum(delta) OVER (PARTITION BY k ORDER BY i) AS v FROM g) x GROUP BY k),
    chosen AS (SELECT k FROM peak ORDER BY v DESC, k NULLS LAST LIMIT ${top})
    SELECT g.k, g.i, g.delta FROM g WHERE EXISTS (SELECT 1 FROM chosen c WHERE c.k IS NOT DISTINCT FROM g.k)
    UNION ALL SELECT '*', i, sum(delta)::int FROM g GROUP BY i`;
}

export type FlowRow = { i: number; opened: number; merged: number; closed: number };

/** PRs opened, merged and closed without merging in the step before each point. */
export function flowCounts(tx: Tx, s: Scope, b: Buckets): Promise<FlowRow[]> {
  const since = Prisma.sql`${b.start}::timestamptz - make_interval(secs => ${b.stepMs / 1000})`;
  return tx.$queryRaw<FlowRow[]>`
    SELECT i, sum(o)::int AS opened, sum(m)::int AS merged, sum(c)::int AS closed FROM (
      SELECT ${bucketOf(b, Prisma.sql`cs."openedAt"`)} AS i, 1 AS o, 0 AS m, 0 AS c FROM ${base(s)} AND cs."openedAt" > ${since}
      UNION ALL SELECT ${bucketOf(b, Prisma.sql`cs."mergedAt"`)}, 0, 1, 0 FROM ${base(s)} AND cs."mergedAt" > ${since}
      UNION ALL SELECT ${bucketOf(b, Prisma.sql`cs."closedAt"`)}, 0, 0, 1 FROM ${base(s)} AND cs."mergedAt" IS NULL AND cs."closedAt" > ${since}
    ) x GROUP BY i`;
}

export type TeamRow = {
  teamId: string | null; open: number; awaiting: number; oldestWaitingSince: Date | null; medianWaitHours: number | null;
  held: number; stale: number; topHoldKind: string | null;
};

/** Now, per team: open, awaiting review (and for how long), held (and mostly why), stale. */
export function teamRows(tx: Tx, s: Scope, staleDays: number): Promise<TeamRow[]> {
  return tx.$queryRaw<TeamRow[]>`
    SELECT r."teamId",
      count(*) FILTER (WHERE ${LIVE})::int AS open,
      count(*) FILTER (WHERE ${AWAITING_REVIEW})::int AS awaiting,
      min(cs."openedAt") FILTER (WHERE ${AWAITING_REVIEW}) AS "oldestWaitingSince",
      (percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM now() - cs."openedAt")) FILTER (WHERE ${AWAITING_REVIEW}) / 3600)::float8 AS "medianWaitHours",
      count(*) FILTER (WHERE cs.state = 'held')::int AS held,
      count(*) FILTER (WHERE ${LIVE} AND ${LAST_ACTIVITY} < now() - make_interval(days => ${staleDays}))::int AS stale,
      mode() WITHIN GROUP (ORDER BY cs."holdKind") FILTER (WHERE cs.state = 'held') AS "topHoldKind"
    FROM ${base(s)}
    GROUP BY r."teamId"
    HAVING count(*) FILTER (WHERE ${LIVE} OR cs.state = 'held') > 0`;
}

export type HeldRow = { kind: string; reason: string | null; count: number; oldestSince: Date | null };

/** Held work by what holds it, and its sentences, most common first. */
export function heldRows(tx: Tx, s: Scope): Promise<HeldRow[]> {
  return tx.$queryRaw<HeldRow[]>`
    SELECT coalesce(cs."holdKind", 'unknown') AS kind, cs."flagReason" AS reason, count(*)::int AS count, min(cs."heldAt") AS "oldestSince"
    FROM ${base(s)} AND cs.state = 'held'
    GROUP BY 1, 2 ORDER BY 3 DESC, 1 LIMIT 200`;
}

export type StaleRow = {
  changesetId: string; owner: string; name: string; teamId: string | null; prNumber: number; prUrl: string | null; title: string;
  state: string; lastActivityAt: Date; campaignId: string | null;
};

/** Open PRs with no activity for staleDays, the longest idle first. */
export function staleRows(tx: Tx, s: Scope, staleDays: number, limit: number): Promise<StaleRow[]> {
  return tx.$queryRaw<StaleRow[]>`
    SELECT cs.id AS "changesetId", r.owner, r.name, r."teamId", cs."prNumber", cs."prUrl", cs.title, cs.state::text AS state,
      ${LAST_ACTIVITY} AS "lastActivityAt", cs."campaignId"
    FROM ${base(s)} AND ${LIVE} AND ${LAST_ACTIVITY} < now() - make_interval(days => ${staleDays})
    ORDER BY ${LAST_ACTIVITY}, cs.id LIMIT ${limit}`;
}
