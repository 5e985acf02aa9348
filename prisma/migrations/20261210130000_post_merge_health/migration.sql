-- Post-merge health: after an agent PR merges, its merge commit's checks on the default branch are
-- watched for the soak time; a merge that broke the branch is reverted (or a person is asked).

-- AlterTable
ALTER TABLE "Changeset" ADD COLUMN     "healthCheckedAt" TIMESTAMPTZ(3),
ADD COLUMN     "healthReason" TEXT,
ADD COLUMN     "healthState" TEXT,
ADD COLUMN     "healthUntil" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "Changeset_healthState_healthUntil_idx" ON "Changeset"("healthState", "healthUntil");

-- CreateIndex
CREATE INDEX "Changeset_repositoryId_healthState_idx" ON "Changeset"("repositoryId", "healthState");
