-- CreateEnum
CREATE TYPE "ChangesetState" AS ENUM ('unpublished', 'awaiting_approval', 'publishing', 'draft', 'open', 'merged', 'closed', 'blocked', 'edited', 'needs_human', 'failed');

-- AlterTable
ALTER TABLE "Membership" ADD COLUMN     "githubLogin" TEXT;

-- AlterTable
ALTER TABLE "Team" ADD COLUMN     "githubTeam" TEXT;

-- AlterTable
ALTER TABLE "Repository" ADD COLUMN     "githubInstallationId" TEXT,
ADD COLUMN     "githubRepoId" BIGINT;

-- CreateTable
CREATE TABLE "GithubInstallation" (
    "id" TEXT NOT NULL,
    "githubId" BIGINT NOT NULL,
    "tenantId" TEXT,
    "accountLogin" TEXT NOT NULL,
    "accountType" TEXT NOT NULL,
    "repositorySelection" TEXT NOT NULL,
    "suspendedAt" TIMESTAMPTZ(3),
    "deletedAt" TIMESTAMPTZ(3),
    "boundByLabel" TEXT,
    "boundAt" TIMESTAMPTZ(3),
    "syncedAt" TIMESTAMPTZ(3),
    "lastWriteAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "GithubInstallation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GithubWrite" (
    "id" BIGSERIAL NOT NULL,
    "installationId" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "route" TEXT NOT NULL,

    CONSTRAINT "GithubWrite_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TokenLease" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "runId" TEXT,
    "changesetId" TEXT,
    "repositoryId" TEXT NOT NULL,
    "step" TEXT NOT NULL,
    "permissions" JSONB NOT NULL,
    "tokenSealed" TEXT NOT NULL,
    "issuedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "revokedAt" TIMESTAMPTZ(3),
    "revokeReason" TEXT,

    CONSTRAINT "TokenLease_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Changeset" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "taskId" TEXT NOT NULL,
    "repositoryId" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "campaignId" TEXT,
    "taskClass" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "state" "ChangesetState" NOT NULL,
    "branch" TEXT NOT NULL,
    "baseBranch" TEXT NOT NULL,
    "baseSha" TEXT,
    "headSha" TEXT,
    "prNumber" INTEGER,
    "prUrl" TEXT,
    "title" TEXT NOT NULL DEFAULT '',
    "labels" TEXT[],
    "reviewers" TEXT[],
    "reviewState" TEXT NOT NULL DEFAULT 'none',
    "checksState" TEXT NOT NULL DEFAULT 'none',
    "riskScore" DOUBLE PRECISION NOT NULL,
    "riskParts" JSONB NOT NULL,
    "needsHumanReview" BOOLEAN NOT NULL DEFAULT false,
    "autoMerge" BOOLEAN NOT NULL DEFAULT false,
    "flagReason" TEXT,
    "holdKind" TEXT,
    "patchSha256" TEXT,
    "publishAttempts" INTEGER NOT NULL DEFAULT 0,
    "openedAt" TIMESTAMPTZ(3),
    "firstReviewAt" TIMESTAMPTZ(3),
    "mergedAt" TIMESTAMPTZ(3),
    "closedAt" TIMESTAMPTZ(3),
    "lastEventAt" TIMESTAMPTZ(3),
    "reconciledAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Changeset_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChangesetEvent" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "changesetId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "kind" TEXT NOT NULL,
    "fromState" "ChangesetState",
    "toState" "ChangesetState",
    "message" TEXT NOT NULL,
    "data" JSONB,

    CONSTRAINT "ChangesetEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GithubDelivery" (
    "deliveryId" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "action" TEXT,
    "githubInstallationId" BIGINT,
    "tenantId" TEXT,
    "payload" JSONB NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" TIMESTAMPTZ(3),
    "outcome" TEXT,
    "reason" TEXT,

    CONSTRAINT "GithubDelivery_pkey" PRIMARY KEY ("deliveryId")
);

-- CreateIndex
CREATE UNIQUE INDEX "GithubInstallation_githubId_key" ON "GithubInstallation"("githubId");

-- CreateIndex
CREATE INDEX "GithubInstallation_tenantId_idx" ON "GithubInstallation"("tenantId");

-- CreateIndex
CREATE INDEX "GithubWrite_installationId_at_idx" ON "GithubWrite"("installationId", "at");

-- CreateIndex
CREATE INDEX "TokenLease_tenantId_issuedAt_idx" ON "TokenLease"("tenantId", "issuedAt" DESC);

-- CreateIndex
CREATE INDEX "TokenLease_revokedAt_expiresAt_idx" ON "TokenLease"("revokedAt", "expiresAt");

-- CreateIndex
CREATE INDEX "TokenLease_runId_idx" ON "TokenLease"("runId");

-- CreateIndex
CREATE UNIQUE INDEX "Changeset_taskId_key" ON "Changeset"("taskId");

-- CreateIndex
CREATE INDEX "Changeset_tenantId_createdAt_idx" ON "Changeset"("tenantId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Changeset_tenantId_state_createdAt_idx" ON "Changeset"("tenantId", "state", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Changeset_repositoryId_prNumber_idx" ON "Changeset"("repositoryId", "prNumber");

-- CreateIndex
CREATE INDEX "Changeset_runId_idx" ON "Changeset"("runId");

-- CreateIndex
CREATE INDEX "Changeset_state_reconciledAt_idx" ON "Changeset"("state", "reconciledAt");

-- CreateIndex
CREATE UNIQUE INDEX "Changeset_repositoryId_branch_key" ON "Changeset"("repositoryId", "branch");

-- CreateIndex
CREATE INDEX "ChangesetEvent_tenantId_at_idx" ON "ChangesetEvent"("tenantId", "at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "ChangesetEvent_changesetId_seq_key" ON "ChangesetEvent"("changesetId", "seq");

-- CreateIndex
CREATE INDEX "GithubDelivery_receivedAt_idx" ON "GithubDelivery"("receivedAt" DESC);

-- CreateIndex
CREATE INDEX "GithubDelivery_tenantId_receivedAt_idx" ON "GithubDelivery"("tenantId", "receivedAt" DESC);

-- CreateIndex
CREATE INDEX "GithubDelivery_processedAt_receivedAt_idx" ON "GithubDelivery"("processedAt", "receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Membership_tenantId_githubLogin_key" ON "Membership"("tenantId", "githubLogin");

-- CreateIndex
CREATE INDEX "Repository_githubInstallationId_idx" ON "Repository"("githubInstallationId");

-- AddForeignKey
ALTER TABLE "Repository" ADD CONSTRAINT "Repository_githubInstallationId_fkey" FOREIGN KEY ("githubInstallationId") REFERENCES "GithubInstallation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GithubInstallation" ADD CONSTRAINT "GithubInstallation_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GithubWrite" ADD CONSTRAINT "GithubWrite_installationId_fkey" FOREIGN KEY ("installationId") REFERENCES "GithubInstallation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TokenLease" ADD CONSTRAINT "TokenLease_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Changeset" ADD CONSTRAINT "Changeset_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Changeset" ADD CONSTRAINT "Changeset_repositoryId_fkey" FOREIGN KEY ("repositoryId") REFERENCES "Repository"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChangesetEvent" ADD CONSTRAINT "ChangesetEvent_changesetId_fkey" FOREIGN KEY ("changesetId") REFERENCES "Changeset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A patch the secret scan stops becomes restricted evidence: that one column may change, never the patch.
GRANT UPDATE ("restricted") ON "RunArtifact" TO fleetgate_app;
