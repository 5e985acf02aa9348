-- Per-tenant cost (issue 16): versioned prices, costed entries with exact daily rollups, budgets
-- with periods and reservations. Model calls move from ModelCall into CostEntry, costed with the
-- platform's first price versions below; each model endpoint's per-run token budget becomes a hard
-- run budget of the same worth (its tokens at the model's dearer rate), so there is one limit.

-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "budgetWait" JSONB,
ADD COLUMN     "costMicros" BIGINT NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "ModelEndpoint" ADD COLUMN     "maxOutputTokens" INTEGER NOT NULL DEFAULT 4096;

-- CreateTable
CREATE TABLE "Price" (
    "id" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "tenantId" TEXT,
    "kind" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "inputMicros" BIGINT,
    "outputMicros" BIGINT,
    "cachedMicros" BIGINT,
    "unitMicros" BIGINT,
    "effectiveFrom" TIMESTAMPTZ(3) NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "createdByLabel" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Price_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TenantCostSettings" (
    "tenantId" TEXT NOT NULL,
    "unknownModel" TEXT NOT NULL DEFAULT 'default',
    "updatedByLabel" TEXT NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "TenantCostSettings_pkey" PRIMARY KEY ("tenantId")
);

-- CreateTable
CREATE TABLE "CostEntry" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "runId" TEXT,
    "reservationId" TEXT,
    "kind" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "priceId" TEXT NOT NULL,
    "defaulted" BOOLEAN NOT NULL DEFAULT false,
    "expired" BOOLEAN NOT NULL DEFAULT false,
    "inputTokens" INTEGER NOT NULL DEFAULT 0,
    "outputTokens" INTEGER NOT NULL DEFAULT 0,
    "cachedTokens" INTEGER NOT NULL DEFAULT 0,
    "quantity" INTEGER NOT NULL DEFAULT 0,
    "latencyMs" INTEGER,
    "costMicros" BIGINT NOT NULL,
    "teamId" TEXT,
    "repositoryId" TEXT,
    "campaignId" TEXT,
    "taskClass" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CostEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CostDaily" (
    "tenantId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "teamId" TEXT NOT NULL DEFAULT '',
    "campaignId" TEXT NOT NULL DEFAULT '',
    "repositoryId" TEXT NOT NULL DEFAULT '',
    "taskClass" TEXT NOT NULL DEFAULT '',
    "kind" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "costMicros" BIGINT NOT NULL DEFAULT 0,
    "entries" INTEGER NOT NULL DEFAULT 0,
    "inputTokens" BIGINT NOT NULL DEFAULT 0,
    "outputTokens" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "CostDaily_pkey" PRIMARY KEY ("tenantId","day","teamId","campaignId","repositoryId","taskClass","kind","subject")
);

-- CreateTable
CREATE TABLE "Budget" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "teamId" TEXT,
    "campaignId" TEXT,
    "mode" TEXT NOT NULL,
    "limitMicros" BIGINT NOT NULL,
    "period" TEXT NOT NULL,
    "thresholds" INTEGER[] DEFAULT ARRAY[50, 80, 100]::INTEGER[],
    "onExhausted" TEXT NOT NULL DEFAULT 'fail',
    "archivedAt" TIMESTAMPTZ(3),
    "createdByLabel" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Budget_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BudgetPeriod" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "budgetId" TEXT NOT NULL,
    "periodKey" TEXT NOT NULL,
    "startsAt" TIMESTAMPTZ(3) NOT NULL,
    "endsAt" TIMESTAMPTZ(3),
    "spentMicros" BIGINT NOT NULL DEFAULT 0,
    "reservedMicros" BIGINT NOT NULL DEFAULT 0,
    "alerted" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BudgetPeriod_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CostReservation" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "runId" TEXT,
    "kind" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "amountMicros" BIGINT NOT NULL,
    "priceId" TEXT NOT NULL,
    "defaulted" BOOLEAN NOT NULL DEFAULT false,
    "state" TEXT NOT NULL DEFAULT 'held',
    "periodIds" TEXT[],
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" TIMESTAMPTZ(3),

    CONSTRAINT "CostReservation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Price_tenantId_kind_subject_idx" ON "Price"("tenantId", "kind", "subject");

-- CreateIndex
CREATE UNIQUE INDEX "Price_scope_kind_subject_version_key" ON "Price"("scope", "kind", "subject", "version");

-- CreateIndex
CREATE UNIQUE INDEX "Price_scope_kind_subject_effectiveFrom_key" ON "Price"("scope", "kind", "subject", "effectiveFrom");

-- CreateIndex
CREATE UNIQUE INDEX "CostEntry_reservationId_key" ON "CostEntry"("reservationId");

-- CreateIndex
CREATE INDEX "CostEntry_tenantId_at_idx" ON "CostEntry"("tenantId", "at" DESC);

-- CreateIndex
CREATE INDEX "CostEntry_runId_at_idx" ON "CostEntry"("runId", "at");

-- CreateIndex
CREATE INDEX "Budget_tenantId_scope_idx" ON "Budget"("tenantId", "scope");

-- CreateIndex
CREATE UNIQUE INDEX "Budget_tenantId_name_key" ON "Budget"("tenantId", "name");

-- CreateIndex
CREATE INDEX "BudgetPeriod_tenantId_budgetId_startsAt_idx" ON "BudgetPeriod"("tenantId", "budgetId", "startsAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "BudgetPeriod_budgetId_periodKey_key" ON "BudgetPeriod"("budgetId", "periodKey");

-- CreateIndex
CREATE INDEX "CostReservation_state_expiresAt_idx" ON "CostReservation"("state", "expiresAt");

-- CreateIndex
CREATE INDEX "CostReservation_tenantId_runId_idx" ON "CostReservation"("tenantId", "runId");

-- AddForeignKey
ALTER TABLE "Price" ADD CONSTRAINT "Price_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TenantCostSettings" ADD CONSTRAINT "TenantCostSettings_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CostEntry" ADD CONSTRAINT "CostEntry_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CostEntry" ADD CONSTRAINT "CostEntry_priceId_fkey" FOREIGN KEY ("priceId") REFERENCES "Price"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Budget" ADD CONSTRAINT "Budget_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BudgetPeriod" ADD CONSTRAINT "BudgetPeriod_budgetId_fkey" FOREIGN KEY ("budgetId") REFERENCES "Budget"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The platform's first prices (micro-units per million tokens; per unit for resources), in force
-- from the start of 2026. "*" prices a model the table does not know.
INSERT INTO "Price" ("id", "scope", "kind", "subject", "version", "inputMicros", "outputMicros", "cachedMicros", "unitMicros", "effectiveFrom", "note", "createdByLabel") VALUES
  ('price_platform_model_default', 'platform', 'model', '*', 1, 3000000, 15000000, 300000, NULL, '2026-01-01T00:00:00Z', 'default for models without a price of their own', 'Fleetgate defaults'),
  ('price_platform_model_gpt4o', 'platform', 'model', 'gpt-4o', 1, 2500000, 10000000, 1250000, NULL, '2026-01-01T00:00:00Z', '', 'Fleetgate defaults'),
  ('price_platform_model_gpt4omini', 'platform', 'model', 'gpt-4o-mini', 1, 150000, 600000, 75000, NULL, '2026-01-01T00:00:00Z', '', 'Fleetgate defaults'),
  ('price_platform_resource_sandbox', 'platform', 'resource', 'sandbox_second', 1, NULL, NULL, NULL, 30, '2026-01-01T00:00:00Z', 'a sandbox command''s wall time', 'Fleetgate defaults'),
  ('price_platform_resource_verifier', 'platform', 'resource', 'verifier_minute', 1, NULL, NULL, NULL, 2000, '2026-01-01T00:00:00Z', 'a verifier step''s wall time', 'Fleetgate defaults');

-- Recorded model calls, costed with those prices (rounded up per call).
INSERT INTO "CostEntry" ("id", "tenantId", "runId", "kind", "subject", "priceId", "defaulted", "inputTokens", "outputTokens", "latencyMs", "costMicros", "teamId", "repositoryId", "campaignId", "taskClass", "at")
SELECT m."id", m."tenantId", m."runId", 'model', m."model", p."id", p."subject" = '*', m."inputTokens", m."outputTokens", m."latencyMs",
       ceil((m."inputTokens"::numeric * p."inputMicros" + m."outputTokens"::numeric * p."outputMicros") / 1000000)::bigint,
       rp."teamId", r."repositoryId", r."campaignId", r."taskClass", m."at"
FROM "ModelCall" m
JOIN "Run" r ON r."id" = m."runId"
LEFT JOIN "Repository" rp ON rp."id" = r."repositoryId"
JOIN LATERAL (SELECT * FROM "Price" WHERE "scope" = 'platform' AND "kind" = 'model' AND "subject" IN (m."model", '*') ORDER BY "subject" = '*' LIMIT 1) p ON true;

UPDATE "Run" r SET "costMicros" = c.total FROM (SELECT "runId", sum("costMicros") AS total FROM "CostEntry" GROUP BY "runId") c WHERE c."runId" = r."id";

INSERT INTO "CostDaily" ("tenantId", "day", "teamId", "campaignId", "repositoryId", "taskClass", "kind", "subject", "costMicros", "entries", "inputTokens", "outputTokens")
SELECT "tenantId", ("at" AT TIME ZONE 'UTC')::date, coalesce("teamId", ''), coalesce("campaignId", ''), coalesce("repositoryId", ''), coalesce("taskClass", ''), "kind", "subject",
       sum("costMicros"), count(*), sum("inputTokens"), sum("outputTokens")
FROM "CostEntry" GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;

-- The endpoint's token budget per run, as a hard run budget (no alert thresholds: a run's page shows
-- what it drew on; alerts per run would reach every admin for every run).
INSERT INTO "Budget" ("id", "tenantId", "name", "scope", "mode", "limitMicros", "period", "thresholds", "onExhausted", "createdByLabel", "updatedAt")
SELECT 'budget_run_' || e."tenantId", e."tenantId", 'Per-run model budget', 'run', 'hard',
       ceil(e."tokenBudget"::numeric * greatest(p."inputMicros", p."outputMicros") / 1000000)::bigint,
       'run', ARRAY[]::INTEGER[], 'fail', 'migrated from the model endpoint''s token budget of ' || e."tokenBudget" || ' tokens', CURRENT_TIMESTAMP
FROM "ModelEndpoint" e
JOIN LATERAL (SELECT * FROM "Price" WHERE "scope" = 'platform' AND "kind" = 'model' AND "subject" IN (e."model", '*') ORDER BY "subject" = '*' LIMIT 1) p ON true;

ALTER TABLE "ModelEndpoint" DROP COLUMN "tokenBudget";
DROP TABLE "ModelCall";

-- Prices and costed entries are written once: the application may add rows, never change them.
REVOKE UPDATE ON "Price" FROM fleetgate_app;
REVOKE UPDATE ON "CostEntry" FROM fleetgate_app;
