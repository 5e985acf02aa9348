// A campaign's changeset table: its changesets with repository, team, wave, state (and why it is
// held), PR, checks, review, age and the task's latest run, filtered by state, wave, team and held,
// newest or oldest first, keyset-paged on the server. The campaign's index on (campaignId, createdAt,
// id) gives the order, and (campaignId, state, ...) serves the state filters; the total counts the
// matching rows with only the joins its filters need (tens of milliseconds over 10,000).
import { AppError } from "../core/app-error";
import type { OpContext } from "../core/op-context";
import { Prisma } from "../db/client";
import type { CampaignChangesetFilter, CampaignChangesetRow } from "./campaign-changesets-view";

type Row = {
  id: string; repositoryId: string; owner: string; name: string; teamSlug: string | null; teamName: string | null; waveIndex: number | null;
  state: CampaignChangesetRow["state"]; holdKind: string | null; flagReason: string | null; prNumber: number | null; prUrl: string | null;
  checksState: string; reviewState: string; createdAt: Date; openedAt: Date | null; mergedAt: Date | null; closedAt: Date | null;
  runId: string | null; runState: NonNullable<CampaignChangesetRow["run"]>["state"] | null; attempt: number | null;
};

export async function listCampaignChangesets(ctx: OpContext, campaignId: string, f: CampaignChangesetFilter) {
  const tenantId = ctx.scope.tenant.id;
  const c = await ctx.tx.campaign.findFirst({ where: { id: campaignId, tenantId }, select: { id: true } });
  if (!c) throw new AppError("not_found", "campaign not found");
  const filters = [
    Prisma.sql`c."tenantId" = ${tenantId} AND c."campaignId" = ${c.id}`,
    ...(f.state ? [Prisma.sql`c.state = ${f.state}::"ChangesetState"`] : []),
    ...(f.held === "true" ? [Prisma.sql`c.state = 'held'`] : f.held === "false" ? [Prisma.sql`c.state <> 'held'`] : []),
    ...(f.wave !== undefined ? [Prisma.sql`t."waveIndex" = ${f.wave}`] : []),
    ...(f.team ? [Prisma.sql`tm.slug = ${f.team}`] : []),
  ];
  // Only the joins a filter needs: the rest are joined to the page's rows alone.
  const from = Prisma.sql`FROM "Changeset" c ${f.team ? Prisma.sql`JOIN "Repository" r ON r.id = c."repositoryId" JOIN "Team" tm ON tm.id = r."teamId"` : Prisma.empty}
    ${f.wave !== undefined ? Prisma.sql`JOIN "CampaignTarget" t ON t."campaignId" = c."campaignId" AND t."repositoryId" = c."repositoryId"` : Prisma.empty}`;
  const where = Prisma.join(filters, " AND ");
  const newest = f.sort === "newest";
  let page = where;
  if (f.after) {
    // The cursor must be one of this campaign's changesets; anything else starts nowhere (an empty page).
    const cursor = await ctx.tx.changeset.findFirst({ where: { id: f.after, tenantId, campaignId: c.id }, select: { id: true, createdAt: true } });
    if (!cursor) return { changesets: [], total: await total(ctx, from, where), nextAfter: null };
    page = newest
      ? Prisma.sql`${where} AND (c."createdAt", c.id) < (${cursor.createdAt}, ${cursor.id})`
      : Prisma.sql`${where} AND (c."createdAt", c.id) > (${cursor.createdAt}, ${cursor.id})`;
  }
  const order = newest ? Prisma.sql`c."createdAt" DESC, c.id DESC` : Prisma.sql`c."createdAt" ASC, c.id ASC`;
  // The page is chosen first (along the campaign's index), then only its rows get their repository,
  // team, wave and latest run.
  const rows = await ctx.tx.$queryRaw<Row[]>`
    WITH page AS MATERIALIZED (SELECT c.id ${from} WHERE ${page} ORDER BY ${order} LIMIT ${f.limit + 1})
    SELECT c.id, c."repositoryId", r.owner, r.name, tm.slug AS "teamSlug", tm.name AS "teamName", t."waveIndex",
      c.state::text AS state, c."holdKind", c."flagReason", c."prNumber", c."prUrl", c."checksState", c."reviewState",
      c."createdAt", c."openedAt", c."mergedAt", c."closedAt", lr.id AS "runId", lr.state::text AS "runState", lr.attempt
    FROM page JOIN "Changeset" c ON c.id = page.id
    JOIN "Repository" r ON r.id = c."repositoryId"
    LEFT JOIN "Team" tm ON tm.id = r."teamId"
    LEFT JOIN "CampaignTarget" t ON t."campaignId" = c."campaignId" AND t."repositoryId" = c."repositoryId"
    LEFT JOIN LATERAL (SELECT id, state, attempt FROM "Run" WHERE "taskId" = c."taskId" ORDER BY attempt DESC LIMIT 1) lr ON true
    ORDER BY ${order}`;
  const shown = rows.slice(0, f.limit);
  return {
    changesets: shown.map(view),
    total: f.after || rows.length > f.limit ? await total(ctx, from, where) : shown.length,
    nextAfter: rows.length > f.limit ? shown.at(-1)!.id : null,
  };
}

async function total(ctx: OpContext, from: Prisma.Sql, where: Prisma.Sql): Promise<number> {
  const [row] = await ctx.tx.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n ${from} WHERE ${where}`;
  return row?.n ?? 0;
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

function view(r: Row): CampaignChangesetRow {
  return {
    id: r.id, repository: { id: r.repositoryId, fullName: `${r.owner}/${r.name}` },
    team: r.teamSlug ? { slug: r.teamSlug, name: r.teamName ?? r.teamSlug } : null, wave: r.waveIndex,
    state: r.state, holdKind: r.holdKind, heldReason: r.state === "held" ? r.flagReason : null, flagReason: r.flagReason,
    prNumber: r.prNumber, prUrl: r.prUrl, checksState: r.checksState, reviewState: r.reviewState,
    run: r.runId ? { id: r.runId, state: r.runState!, attempt: r.attempt! } : null,
    createdAt: r.createdAt.toISOString(), ageFrom: (r.openedAt ?? r.createdAt).toISOString(),
    ageUntil: r.state === "merged" ? iso(r.mergedAt) : r.state === "closed" ? iso(r.closedAt) : null,
  };
}
