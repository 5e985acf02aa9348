-- A campaign's task keeps the campaign's verifier profile, so every run of it (retries, follow-ups,
-- later waves) verifies with that profile rather than the repository's.

-- AlterTable
ALTER TABLE "Task" ADD COLUMN     "verifierProfile" TEXT;

-- Campaign tasks created before: their campaign's profile, where its spec named one.
UPDATE "Task" t SET "verifierProfile" = c.spec->>'verifierProfile'
FROM "Campaign" c WHERE t."campaignId" = c.id AND c.spec ? 'verifierProfile';
