// recordCost for many entries at once, for the demo seed's weeks of history: the same CostEntry
// rows, the same CostDaily rollups and the same Run totals as calling recordCost once per entry in
// order (record-costs.int.test.ts holds them equal), in three statements instead of one per entry.
// Live work records one cost at a time, as its reservation settles (fleetgate_cost_record, which
// recordCost calls too).
import type { Tx } from "../db/client";
import type { CostWork } from "./cost-work";
import type { recordCost } from "./record-cost";

export type CostRecord = { work: CostWork; entry: Parameters<typeof recordCost>[2] };

/** Rows per statement: each column goes as one array parameter. */
const CHUNK = 5_000;

export async function recordCosts(tx: Tx, records: readonly CostRecord[]): Promise<void> {
  for (let i = 0; i < records.length; i += CHUNK) await recordChunk(tx, records.slice(i, i + CHUNK));
}

async function recordChunk(tx: Tx, records: readonly CostRecord[]): Promise<void> {
  if (!records.length) return;
  const col = <T>(f: (r: CostRecord) => T): T[] => records.map(f);
  const tenantIds = col((r) => r.work.tenantId);
  const runIds = col((r) => r.work.runId);
  const reservationIds = col((r) => r.entry.reservationId ?? null);
  const kinds = col((r) => r.entry.kind);
  const subjects = col((r) => r.entry.subject);
  const priceIds = col((r) => r.entry.priceId);
  const defaulted = col((r) => r.entry.defaulted);
  const expired = col((r) => r.entry.expired ?? false);
  const tokensIn = col((r) => r.entry.measured.inputTokens ?? 0);
  const tokensOut = col((r) => r.entry.measured.outputTokens ?? 0);
  const cached = col((r) => r.entry.measured.cachedTokens ?? 0);
  const quantity = col((r) => Math.ceil(r.entry.measured.quantityMs ?? 0));
  const latency = col((r) => (r.entry.measured.latencyMs == null ? null : Math.round(r.entry.measured.latencyMs)));
  // bigint and timestamps travel as text and are cast back, exactly.
  const costs = col((r) => r.entry.costMicros.toString());
  const teamIds = col((r) => r.work.teamId);
  const repositoryIds = col((r) => r.work.repositoryId);
  const campaignIds = col((r) => r.work.campaignId);
  const taskClasses = col((r) => r.work.taskClass);
  const ats = col((r) => r.entry.at.toISOString());
  // WITH ORDINALITY keeps the caller's order, so entry rows go in as recordCost would write them.
  await tx.$executeRaw`
    INSERT INTO "CostEntry" (id, "tenantId", "runId", "reservationId", kind, subject, "priceId", defaulted, expired, "inputTokens", "outputTokens", "cachedTokens", quantity, "latencyMs", "costMicros", "teamId", "repositoryId", "campaignId", "taskClass", at)
    SELECT gen_random_uuid()::text, u.tenant, u.run, u.reservation, u.kind, u.subject, u.price, u.defaulted, u.expired, u.tin, u.tout, u.cached, u.quantity, u.latency, u.cost, u.team, u.repo, u.campaign, u.class, u.at
    FROM unnest(${tenantIds}::text[], ${runIds}::text[], ${reservationIds}::text[], ${kinds}::text[], ${subjects}::text[], ${priceIds}::text[], ${defaulted}::boolean[], ${expired}::boolean[],
                ${tokensIn}::int[], ${tokensOut}::int[], ${cached}::int[], ${quantity}::int[], ${latency}::int[], ${costs}::bigint[],
                ${teamIds}::text[], ${repositoryIds}::text[], ${campaignIds}::text[], ${taskClasses}::text[], ${ats}::timestamptz[])
      WITH ORDINALITY AS u(tenant, run, reservation, kind, subject, price, defaulted, expired, tin, tout, cached, quantity, latency, cost, team, repo, campaign, class, at, n)
    ORDER BY u.n`;
  await tx.$executeRaw`
    INSERT INTO "CostDaily" ("tenantId", day, "teamId", "campaignId", "repositoryId", "taskClass", kind, subject, "costMicros", entries, "inputTokens", "outputTokens")
    SELECT u.tenant, (u.at AT TIME ZONE 'UTC')::date, coalesce(u.team, ''), coalesce(u.campaign, ''), coalesce(u.repo, ''), coalesce(u.class, ''), u.kind, u.subject,
           sum(u.cost), count(*), sum(u.tin), sum(u.tout)
    FROM unnest(${tenantIds}::text[], ${teamIds}::text[], ${campaignIds}::text[], ${repositoryIds}::text[], ${taskClasses}::text[], ${kinds}::text[], ${subjects}::text[],
                ${costs}::bigint[], ${tokensIn}::int[], ${tokensOut}::int[], ${ats}::timestamptz[])
      AS u(tenant, team, campaign, repo, class, kind, subject, cost, tin, tout, at)
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
    ON CONFLICT ("tenantId", day, "teamId", "campaignId", "repositoryId", "taskClass", kind, subject) DO UPDATE SET
      "costMicros" = "CostDaily"."costMicros" + EXCLUDED."costMicros", entries = "CostDaily".entries + EXCLUDED.entries,
      "inputTokens" = "CostDaily"."inputTokens" + EXCLUDED."inputTokens", "outputTokens" = "CostDaily"."outputTokens" + EXCLUDED."outputTokens"`;
  await tx.$executeRaw`
    UPDATE "Run" r SET "costMicros" = r."costMicros" + t.cost, "modelCalls" = r."modelCalls" + t.calls, "inputTokens" = r."inputTokens" + t.tin, "outputTokens" = r."outputTokens" + t.tout
    FROM (
      SELECT u.run, sum(u.cost) AS cost, (count(*) FILTER (WHERE u.kind = 'model' AND NOT u.expired))::int AS calls, sum(u.tin)::int AS tin, sum(u.tout)::int AS tout
      FROM unnest(${runIds}::text[], ${kinds}::text[], ${expired}::boolean[], ${costs}::bigint[], ${tokensIn}::int[], ${tokensOut}::int[]) AS u(run, kind, expired, cost, tin, tout)
      WHERE u.run IS NOT NULL GROUP BY u.run
    ) t
    WHERE r.id = t.run`;
}
