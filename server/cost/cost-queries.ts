// The cost dashboard's queries. Spend comes from the exact daily rollups (CostDaily, one row per
// tenant, day and dimensions), never from the million CostEntry rows; per-run figures from Run
// (runs that finished in the range) and merged changesets. Every query starts from the tenant, so
// another tenant's team, campaign or repository id simply matches nothing.
import type { Tx } from "../db/client";
import { Prisma } from "../db/generated/client";
import type { CostGroup } from "./cost-filter";
import { addDays, startOfDay } from "./cost-days";

/** The filters as ids (teamId null: a team slug the tenant does not have, which matches nothing). */
export type CostScope = {
  tenantId: string; from: string; to: string;
  teamId?: string | null; campaignId?: string; repositoryId?: string; taskClass?: string; model?: string;
};

export const big = (v: unknown): bigint => (v === null || v === undefined ? 0n : BigInt(v as string));

function dailyWhere(s: CostScope): Prisma.Sql {
  const w = [Prisma.sql`d."tenantId" = ${s.tenantId}`, Prisma.sql`d.day BETWEEN ${s.from}::date AND ${s.to}::date`];
  if (s.teamId !== undefined) w.push(s.teamId === null ? Prisma.sql`FALSE` : Prisma.sql`d."teamId" = ${s.teamId}`);
  if (s.campaignId) w.push(Prisma.sql`d."campaignId" = ${s.campaignId}`);
  if (s.repositoryId) w.push(Prisma.sql`d."repositoryId" = ${s.repositoryId}`);
  if (s.taskClass) w.push(Prisma.sql`d."taskClass" = ${s.taskClass}`);
  if (s.model) w.push(Prisma.sql`d.kind = 'model' AND d.subject = ${s.model}`);
  return Prisma.join(w, " AND ");
}

// A model's calls by its name; sandbox and verifier time as "#sandbox" and "#verifier" (no model's name starts with #).
export const RESOURCE_PREFIX = "#";
const GROUP_KEY: Record<CostGroup, Prisma.Sql> = {
  team: Prisma.sql`d."teamId"`,
  taskClass: Prisma.sql`d."taskClass"`,
  campaign: Prisma.sql`d."campaignId"`,
  repository: Prisma.sql`d."repositoryId"`,
  model: Prisma.sql`(CASE WHEN d.kind = 'model' THEN d.subject ELSE '#' || d.kind END)`,
  kind: Prisma.sql`d.kind`,
};

export type Totals = {
  all: { costMicros: bigint; entries: number; inputTokens: number; outputTokens: number };
  /** Spend over the range per key ("" = none) of each dimension. */
  by: Record<"team" | "repository" | "campaign" | "group", { key: string; costMicros: bigint }[]>;
};

/**
 * The range's totals per team, repository, campaign and the chart's grouping, and overall, in one
 * pass over the rollups (grouping sets).
 */
export async function spendTotals(tx: Tx, s: CostScope, groupBy: CostGroup): Promise<Totals> {
  const dims: ["team" | "repository" | "campaign" | "group", Prisma.Sql][] = [["team", GROUP_KEY.team], ["repository", GROUP_KEY.repository], ["campaign", GROUP_KEY.campaign]];
  const own = groupBy === "team" || groupBy === "repository" || groupBy === "campaign";
  if (!own) dims.push(["group", GROUP_KEY[groupBy]]);
  const exprs = dims.map(([, e]) => e);
  const rows = await tx.$queryRaw<{ g: number; k: (string | null)[]; cost: bigint; entries: bigint; tin: bigint; tout: bigint }[]>`
    SELECT GROUPING(${Prisma.join(exprs)})::int AS g, ARRAY[${Prisma.join(exprs)}]::text[] AS k,
      sum(d."costMicros")::bigint AS cost, sum(d.entries)::bigint AS entries, sum(d."inputTokens")::bigint AS tin, sum(d."outputTokens")::bigint AS tout
    FROM "CostDaily" d WHERE ${dailyWhere(s)}
    GROUP BY GROUPING SETS (${Prisma.join(exprs.map((e) => Prisma.sql`(${e})`))}, ())`;
  const n = dims.length;
  const all = (1 << n) - 1;
  const by: Totals["by"] = { team: [], repository: [], campaign: [], group: [] };
  let total: Totals["all"] = { costMicros: 0n, entries: 0, inputTokens: 0, outputTokens: 0 };
  for (const r of rows) {
    if (r.g === all) {
      total = { costMicros: big(r.cost), entries: Number(r.entries), inputTokens: Number(r.tin), outputTokens: Number(r.tout) };
      continue;
    }
    const i = dims.findIndex((_, j) => r.g === (all ^ (1 << (n - 1 - j))));
    if (i >= 0) by[dims[i]![0]].push({ key: r.k[i] ?? "", costMicros: big(r.cost) });
  }
  if (own) by.group = by[groupBy as "team" | "repository" | "campaign"];
  return { all: total, by };
}

/** Spend per day of the range, per shown key of the grouping (null: the others together). */
export function spendByDay(tx: Tx, s: CostScope, groupBy: CostGroup, shown: string[]) {
  const k = GROUP_KEY[groupBy];
  return tx.$queryRaw<{ day: string; key: string | null; cost: bigint }[]>`
    SELECT to_char(d.day, 'YYYY-MM-DD') AS day, CASE WHEN ${k} = ANY(${shown}::text[]) THEN ${k} END AS key, sum(d."costMicros")::bigint AS cost
    FROM "CostDaily" d WHERE ${dailyWhere(s)}
    GROUP BY 1, 2`;
}

/** Runs finished in the range (by finishedAt), as filtered: r, and rp (its repository) when a team is asked for. */
function runsIn(s: CostScope, runAlias: Prisma.Sql, on: Prisma.Sql, repoColumn: Prisma.Sql): { join: Prisma.Sql; where: Prisma.Sql[] } {
  const w: Prisma.Sql[] = [];
  if (s.campaignId) w.push(Prisma.sql`${runAlias}."campaignId" = ${s.campaignId}`);
  if (s.repositoryId) w.push(Prisma.sql`${runAlias}."repositoryId" = ${s.repositoryId}`);
  if (s.taskClass) w.push(Prisma.sql`${runAlias}."taskClass" = ${s.taskClass}`);
  if (s.teamId === null) w.push(Prisma.sql`FALSE`);
  const join = s.teamId ? Prisma.sql`JOIN "Repository" rp ON rp.id = ${repoColumn} AND rp."tenantId" = ${on} AND rp."teamId" = ${s.teamId}` : Prisma.empty;
  return { join, where: w };
}

const rangeStart = (s: CostScope) => startOfDay(s.from);
const rangeEnd = (s: CostScope) => startOfDay(addDays(s.to, 1));
const and = (w: Prisma.Sql[]) => (w.length ? Prisma.sql` AND ${Prisma.join(w, " AND ")}` : Prisma.empty);

export type TopRunRow = { id: string; repository: string | null; taskClass: string; state: string; finishedAt: string; cost: string };
export type RunsRow = { runs: number; cost: bigint; succeeded: number; succeededCost: bigint; top: TopRunRow[] };

/**
 * Runs that finished in the range and what they cost (whole runs), the same for those that
 * succeeded, and the costliest `limit` of them: one pass over the runs (kept once, read twice).
 */
export async function finishedRuns(tx: Tx, s: CostScope, limit: number): Promise<RunsRow> {
  const f = runsIn(s, Prisma.sql`r`, Prisma.sql`r."tenantId"`, Prisma.sql`r."repositoryId"`);
  const rows = await tx.$queryRaw<RunsRow[]>`
    WITH f AS MATERIALIZED (
      SELECT r.id, r."repositoryId", r."taskClass", r.state, r."finishedAt", r."costMicros" AS cost
      FROM "Run" r ${f.join}
      WHERE r."tenantId" = ${s.tenantId} AND r."finishedAt" >= ${rangeStart(s)} AND r."finishedAt" < ${rangeEnd(s)}${and(f.where)}
    ),
    top AS (SELECT * FROM f WHERE cost > 0 ORDER BY cost DESC, id LIMIT ${limit})
    SELECT count(*)::int AS runs, coalesce(sum(cost), 0)::bigint AS cost,
      count(*) FILTER (WHERE state = 'succeeded')::int AS succeeded, coalesce(sum(cost) FILTER (WHERE state = 'succeeded'), 0)::bigint AS "succeededCost",
      (SELECT coalesce(json_agg(json_build_object(
          'id', t.id, 'taskClass', t."taskClass", 'state', t.state::text, 'cost', t.cost::text,
          'finishedAt', to_char(t."finishedAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
          'repository', (SELECT p.owner || '/' || p.name FROM "Repository" p WHERE p.id = t."repositoryId" AND p."tenantId" = ${s.tenantId})
        ) ORDER BY t.cost DESC, t.id), '[]'::json) FROM top t) AS top
    FROM f`;
  return rows[0]!;
}

/** Pull requests merged in the range (changesets by mergedAt), and what their runs cost. */
export async function mergedCosts(tx: Tx, s: CostScope): Promise<{ n: number; cost: bigint }> {
  const f = runsIn(s, Prisma.sql`cs`, Prisma.sql`cs."tenantId"`, Prisma.sql`cs."repositoryId"`);
  const rows = await tx.$queryRaw<{ n: number; cost: bigint }[]>`
    SELECT count(*)::int AS n, coalesce(sum(r."costMicros"), 0)::bigint AS cost
    FROM "Changeset" cs JOIN "Run" r ON r.id = cs."runId" AND r."tenantId" = cs."tenantId" ${f.join}
    WHERE cs."tenantId" = ${s.tenantId} AND cs."mergedAt" >= ${rangeStart(s)} AND cs."mergedAt" < ${rangeEnd(s)}${and(f.where)}`;
  return rows[0]!;
}
