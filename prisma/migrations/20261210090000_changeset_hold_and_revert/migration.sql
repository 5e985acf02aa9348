-- Campaign work: a changeset may be held under a PR-storm cap before its PR opens, and an agent PR
-- that broke its default branch after merging is reverted (post-merge health).

-- AlterEnum
ALTER TYPE "ChangesetState" ADD VALUE 'held';

-- AlterTable
ALTER TABLE "Changeset" ADD COLUMN     "heldAt" TIMESTAMPTZ(3),
ADD COLUMN     "mergeCommitSha" TEXT,
ADD COLUMN     "revertedAt" TIMESTAMPTZ(3),
ADD COLUMN     "revertPrNumber" INTEGER,
ADD COLUMN     "revertPrUrl" TEXT;
