-- Campaign waves and stop gates: each evaluation of the gates at a wave's end is kept as evidence,
-- a promotion may wait for approval, and a campaign's changesets are read together (gates, progress).

-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN     "promotionApprovalId" TEXT;

-- CreateTable
CREATE TABLE "CampaignGateEvaluation" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "waveIndex" INTEGER NOT NULL,
    "trigger" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "gates" JSONB NOT NULL,
    "lastMergeAt" TIMESTAMPTZ(3),
    "soakUntil" TIMESTAMPTZ(3),
    "result" TEXT NOT NULL,
    "actorLabel" TEXT NOT NULL,
    "evaluatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CampaignGateEvaluation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CampaignGateEvaluation_tenantId_campaignId_evaluatedAt_idx" ON "CampaignGateEvaluation"("tenantId", "campaignId", "evaluatedAt" DESC);

-- CreateIndex
CREATE INDEX "Changeset_tenantId_campaignId_idx" ON "Changeset"("tenantId", "campaignId");

-- AddForeignKey
ALTER TABLE "CampaignGateEvaluation" ADD CONSTRAINT "CampaignGateEvaluation_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;
