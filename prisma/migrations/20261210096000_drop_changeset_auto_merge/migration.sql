-- Fleetgate never turns auto-merge on (policy accepts only auto_merge: false), so the column that
-- would have said it did was always false: dropped rather than shown.

-- AlterTable
ALTER TABLE "Changeset" DROP COLUMN "autoMerge";
