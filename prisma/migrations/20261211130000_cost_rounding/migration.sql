-- The cost migration (20261211090000_cost) rounded its amounts up as ((x + 999999) / 1000000)::bigint,
-- but numeric division keeps the fraction and the cast to bigint rounds it half up, so most amounts
-- came out one micro-unit high: a model call of exactly 7,500 as 7,501, an exact 2,000,000 run budget
-- as 2,000,001. This recomputes them with ceil(), only where a row still holds the mis-rounded value
-- (so it changes nothing where the amounts are right), and moves the daily rollups and the runs'
-- totals by the same difference. Budget periods never held the migrated calls.

-- The migrated model calls (the only entries without a reservation, at the platform's prices) whose cost is off.
CREATE TEMP TABLE "CostRounding" ON COMMIT DROP AS
SELECT e.id, e."tenantId", e."runId", (e.at AT TIME ZONE 'UTC')::date AS day, coalesce(e."teamId", '') AS "teamId", coalesce(e."campaignId", '') AS "campaignId",
       coalesce(e."repositoryId", '') AS "repositoryId", coalesce(e."taskClass", '') AS "taskClass", e.kind, e.subject,
       ceil((e."inputTokens"::numeric * p."inputMicros" + e."outputTokens"::numeric * p."outputMicros") / 1000000)::bigint - e."costMicros" AS delta
FROM "CostEntry" e
JOIN "Price" p ON p.id = e."priceId"
WHERE e."reservationId" IS NULL AND e.kind = 'model' AND e."cachedTokens" = 0 AND p.scope = 'platform'
  AND e."costMicros" = ((e."inputTokens"::numeric * p."inputMicros" + e."outputTokens"::numeric * p."outputMicros" + 999999) / 1000000)::bigint
  AND e."costMicros" <> ceil((e."inputTokens"::numeric * p."inputMicros" + e."outputTokens"::numeric * p."outputMicros") / 1000000)::bigint;

UPDATE "CostEntry" e SET "costMicros" = e."costMicros" + f.delta FROM "CostRounding" f WHERE e.id = f.id;

UPDATE "CostDaily" d SET "costMicros" = d."costMicros" + f.delta
FROM (SELECT "tenantId", day, "teamId", "campaignId", "repositoryId", "taskClass", kind, subject, sum(delta) AS delta FROM "CostRounding" GROUP BY 1, 2, 3, 4, 5, 6, 7, 8) f
WHERE d."tenantId" = f."tenantId" AND d.day = f.day AND d."teamId" = f."teamId" AND d."campaignId" = f."campaignId"
  AND d."repositoryId" = f."repositoryId" AND d."taskClass" = f."taskClass" AND d.kind = f.kind AND d.subject = f.subject;

UPDATE "Run" r SET "costMicros" = r."costMicros" + f.delta
FROM (SELECT "runId", sum(delta) AS delta FROM "CostRounding" WHERE "runId" IS NOT NULL GROUP BY 1) f
WHERE r.id = f."runId";

-- The run budgets made from the endpoints' token budgets (the token count is in their label), at the
-- first platform price of the endpoint's model, or the default's.
UPDATE "Budget" b SET "limitMicros" = f.exact
FROM (
  SELECT b2.id,
         ceil(t.tokens * greatest(p."inputMicros", p."outputMicros") / 1000000)::bigint AS exact,
         ((t.tokens * greatest(p."inputMicros", p."outputMicros") + 999999) / 1000000)::bigint AS misrounded
  FROM "Budget" b2
  JOIN "ModelEndpoint" e ON e."tenantId" = b2."tenantId"
  CROSS JOIN LATERAL (SELECT substring(b2."createdByLabel" FROM 'token budget of ([0-9]+) tokens')::numeric AS tokens) t
  JOIN LATERAL (SELECT * FROM "Price" WHERE "scope" = 'platform' AND "kind" = 'model' AND "version" = 1 AND "subject" IN (e."model", '*') ORDER BY "subject" = '*' LIMIT 1) p ON true
  WHERE b2.id = 'budget_run_' || b2."tenantId" AND t.tokens IS NOT NULL
) f
WHERE b.id = f.id AND b."limitMicros" = f.misrounded AND f.misrounded <> f.exact;
