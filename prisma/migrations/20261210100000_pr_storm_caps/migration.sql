-- PR-storm caps (server/github/caps/): a slot reserved per publication under the tenant's lock, the
-- token buckets of agent PRs per hour, and whether a PR was last a draft (the review queue).

-- AlterTable
ALTER TABLE "Changeset" ADD COLUMN     "prDraft" BOOLEAN;

-- What the state says today, for the PRs that exist already.
UPDATE "Changeset" SET "prDraft" = (state = 'draft') WHERE state IN ('draft', 'open');

-- CreateTable
CREATE TABLE "PublishReservation" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "changesetId" TEXT NOT NULL,
    "outcome" TEXT NOT NULL DEFAULT 'reserved',
    "draft" BOOLEAN NOT NULL,
    "tookToken" BOOLEAN NOT NULL,
    "reservedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "settledAt" TIMESTAMPTZ(3),

    CONSTRAINT "PublishReservation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PublishBucket" (
    "tenantId" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "tokens" DOUBLE PRECISION NOT NULL,
    "refilledAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PublishBucket_pkey" PRIMARY KEY ("tenantId","scope")
);

-- CreateIndex
CREATE INDEX "Changeset_tenantId_state_heldAt_idx" ON "Changeset"("tenantId", "state", "heldAt");

-- CreateIndex
CREATE UNIQUE INDEX "PublishReservation_changesetId_key" ON "PublishReservation"("changesetId");

-- CreateIndex
CREATE INDEX "PublishReservation_tenantId_outcome_idx" ON "PublishReservation"("tenantId", "outcome");

-- CreateIndex
CREATE INDEX "PublishReservation_tenantId_reservedAt_idx" ON "PublishReservation"("tenantId", "reservedAt");

-- AddForeignKey
ALTER TABLE "PublishReservation" ADD CONSTRAINT "PublishReservation_changesetId_fkey" FOREIGN KEY ("changesetId") REFERENCES "Changeset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PublishBucket" ADD CONSTRAINT "PublishBucket_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;
