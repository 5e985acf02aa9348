-- CreateEnum
CREATE TYPE "CampaignState" AS ENUM ('draft', 'awaiting_approval', 'running', 'paused', 'completed', 'aborted');

-- CreateEnum
CREATE TYPE "CampaignWaveState" AS ENUM ('pending', 'running', 'paused', 'done');

-- CreateTable
CREATE TABLE "Campaign" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "specYaml" TEXT NOT NULL,
    "spec" JSONB NOT NULL,
    "state" "CampaignState" NOT NULL DEFAULT 'draft',
    "stateReason" TEXT,
    "ownerId" TEXT,
    "ownerLabel" TEXT NOT NULL,
    "launchApprovalId" TEXT,
    "targetCount" INTEGER NOT NULL DEFAULT 0,
    "eligibleCount" INTEGER NOT NULL DEFAULT 0,
    "waveCount" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "launchedAt" TIMESTAMPTZ(3),
    "endedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Campaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CampaignTarget" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "repositoryId" TEXT NOT NULL,
    "eligible" BOOLEAN NOT NULL,
    "excludedRule" TEXT,
    "excludedReason" TEXT,
    "waveIndex" INTEGER,
    "canaryReason" TEXT,
    "taskId" TEXT,
    "admissionError" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CampaignTarget_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CampaignWave" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "index" INTEGER NOT NULL,
    "plannedSize" INTEGER NOT NULL,
    "state" "CampaignWaveState" NOT NULL DEFAULT 'pending',
    "stateReason" TEXT,
    "startedAt" TIMESTAMPTZ(3),
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "CampaignWave_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Campaign_tenantId_createdAt_idx" ON "Campaign"("tenantId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Campaign_tenantId_state_createdAt_idx" ON "Campaign"("tenantId", "state", "createdAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "Campaign_tenantId_name_key" ON "Campaign"("tenantId", "name");

-- CreateIndex
CREATE INDEX "CampaignTarget_tenantId_campaignId_waveIndex_idx" ON "CampaignTarget"("tenantId", "campaignId", "waveIndex");

-- CreateIndex
CREATE INDEX "CampaignTarget_repositoryId_idx" ON "CampaignTarget"("repositoryId");

-- CreateIndex
CREATE UNIQUE INDEX "CampaignTarget_campaignId_repositoryId_key" ON "CampaignTarget"("campaignId", "repositoryId");

-- CreateIndex
CREATE INDEX "CampaignWave_tenantId_idx" ON "CampaignWave"("tenantId");

-- CreateIndex
CREATE UNIQUE INDEX "CampaignWave_campaignId_index_key" ON "CampaignWave"("campaignId", "index");

-- AddForeignKey
ALTER TABLE "Campaign" ADD CONSTRAINT "Campaign_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampaignTarget" ADD CONSTRAINT "CampaignTarget_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampaignTarget" ADD CONSTRAINT "CampaignTarget_repositoryId_fkey" FOREIGN KEY ("repositoryId") REFERENCES "Repository"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampaignWave" ADD CONSTRAINT "CampaignWave_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;
