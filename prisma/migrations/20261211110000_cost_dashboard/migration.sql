-- The cost dashboard: runs by when they finished (and those a budget stopped), pull requests by when they merged, a campaign's spend by day.
-- CreateIndex
CREATE INDEX "Run_tenantId_finishedAt_idx" ON "Run"("tenantId", "finishedAt");

-- CreateIndex
CREATE INDEX "Run_tenantId_failureClass_finishedAt_idx" ON "Run"("tenantId", "failureClass", "finishedAt");

-- CreateIndex
CREATE INDEX "CostDaily_tenantId_campaignId_day_idx" ON "CostDaily"("tenantId", "campaignId", "day");

-- CreateIndex
CREATE INDEX "Changeset_tenantId_mergedAt_idx" ON "Changeset"("tenantId", "mergedAt");
