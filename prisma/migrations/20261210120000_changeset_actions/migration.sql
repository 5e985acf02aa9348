-- Campaign bulk actions: writes on a changeset's pull request (close, comment) that a person or a
-- containment asked for, done by github jobs; and the indexes of a campaign's changeset table.

-- CreateTable
CREATE TABLE "ChangesetAction" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "changesetId" TEXT NOT NULL,
    "campaignId" TEXT,
    "kind" TEXT NOT NULL,
    "batchId" TEXT NOT NULL,
    "cause" TEXT NOT NULL,
    "comment" TEXT,
    "requestedBy" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "result" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "commentStartedAt" TIMESTAMPTZ(3),
    "commentId" BIGINT,
    "data" JSONB,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "ChangesetAction_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ChangesetAction_changesetId_idx" ON "ChangesetAction"("changesetId");

-- CreateIndex
CREATE INDEX "ChangesetAction_state_createdAt_idx" ON "ChangesetAction"("state", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ChangesetAction_batchId_changesetId_key" ON "ChangesetAction"("batchId", "changesetId");

-- CreateIndex
CREATE INDEX "Changeset_campaignId_createdAt_id_idx" ON "Changeset"("campaignId", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Changeset_campaignId_state_createdAt_id_idx" ON "Changeset"("campaignId", "state", "createdAt" DESC, "id" DESC);

-- AddForeignKey
ALTER TABLE "ChangesetAction" ADD CONSTRAINT "ChangesetAction_changesetId_fkey" FOREIGN KEY ("changesetId") REFERENCES "Changeset"("id") ON DELETE CASCADE ON UPDATE CASCADE;
