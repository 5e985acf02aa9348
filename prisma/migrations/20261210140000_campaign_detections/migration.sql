-- Campaign burndowns: the detection step's history per target (the burndown by code), and indexes
-- for a campaign's and a repository's changesets (the campaign page, the PR-storm dashboard's filters).

-- CreateTable
CREATE TABLE "CampaignDetection" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "repositoryId" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "outcome" TEXT NOT NULL DEFAULT 'pending',
    "reason" TEXT,
    "sha" TEXT,
    "exitCode" INTEGER,
    "durationMs" INTEGER,
    "output" TEXT,
    "requestedBy" TEXT NOT NULL,
    "requestedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMPTZ(3),
    "at" TIMESTAMPTZ(3),

    CONSTRAINT "CampaignDetection_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CampaignDetection_tenantId_campaignId_at_idx" ON "CampaignDetection"("tenantId", "campaignId", "at");

-- CreateIndex
CREATE INDEX "CampaignDetection_targetId_requestedAt_idx" ON "CampaignDetection"("targetId", "requestedAt" DESC);

-- CreateIndex
CREATE INDEX "CampaignDetection_outcome_requestedAt_idx" ON "CampaignDetection"("outcome", "requestedAt");

-- CreateIndex
CREATE INDEX "Changeset_tenantId_repositoryId_idx" ON "Changeset"("tenantId", "repositoryId");

-- AddForeignKey
ALTER TABLE "CampaignDetection" ADD CONSTRAINT "CampaignDetection_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampaignDetection" ADD CONSTRAINT "CampaignDetection_targetId_fkey" FOREIGN KEY ("targetId") REFERENCES "CampaignTarget"("id") ON DELETE CASCADE ON UPDATE CASCADE;
