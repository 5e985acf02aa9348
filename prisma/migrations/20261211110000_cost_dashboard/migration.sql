-- The cost dashboard: runs by when they finished, a campaign's spend by day.
-- CreateIndex
CREATE INDEX "Run_tenantId_finishedAt_idx" ON "Run"("tenantId", "finishedAt");

-- CreateIndex
CREATE INDEX "CostDaily_tenantId_campaignId_day_idx" ON "CostDaily"("tenantId", "campaignId", "day");
