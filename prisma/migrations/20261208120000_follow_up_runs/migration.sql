-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "allowedPaths" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "followUpOfRunId" TEXT;

-- CreateTable
CREATE TABLE "FollowUpRequest" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "changesetId" TEXT NOT NULL,
    "taskId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "githubLogin" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "url" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "runId" TEXT,
    "reason" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" TIMESTAMPTZ(3),

    CONSTRAINT "FollowUpRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "FollowUpRequest_runId_idx" ON "FollowUpRequest"("runId");

-- CreateIndex
CREATE INDEX "FollowUpRequest_state_createdAt_idx" ON "FollowUpRequest"("state", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "FollowUpRequest_changesetId_key_key" ON "FollowUpRequest"("changesetId", "key");

-- AddForeignKey
ALTER TABLE "FollowUpRequest" ADD CONSTRAINT "FollowUpRequest_changesetId_fkey" FOREIGN KEY ("changesetId") REFERENCES "Changeset"("id") ON DELETE CASCADE ON UPDATE CASCADE;
