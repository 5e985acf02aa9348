-- CreateEnum
CREATE TYPE "PolicyLevel" AS ENUM ('platform', 'tenant', 'team', 'repository', 'campaign', 'task');

-- CreateEnum
CREATE TYPE "PolicyVersionState" AS ENUM ('draft', 'shadow', 'active', 'retired');

-- CreateEnum
CREATE TYPE "PublishRequestState" AS ENUM ('pending', 'approved', 'rejected', 'cancelled');

-- CreateTable
CREATE TABLE "PolicyDocument" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT,
    "scopeKey" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "level" "PolicyLevel" NOT NULL,
    "target" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PolicyDocument_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PolicyVersion" (
    "id" TEXT NOT NULL,
    "documentId" TEXT NOT NULL,
    "scopeKey" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "content" TEXT NOT NULL,
    "tests" TEXT NOT NULL DEFAULT '',
    "contentHash" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "authorId" TEXT,
    "authorLabel" TEXT NOT NULL,
    "state" "PolicyVersionState" NOT NULL DEFAULT 'draft',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "stateAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PolicyVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PolicyPublishRequest" (
    "id" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "scopeKey" TEXT NOT NULL,
    "state" "PublishRequestState" NOT NULL DEFAULT 'pending',
    "requestedById" TEXT,
    "requestedByLabel" TEXT NOT NULL,
    "decidedById" TEXT,
    "decidedByLabel" TEXT,
    "reason" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" TIMESTAMPTZ(3),

    CONSTRAINT "PolicyPublishRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DecisionRecord" (
    "id" BIGSERIAL NOT NULL,
    "tenantId" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "action" TEXT NOT NULL,
    "resourceKind" TEXT NOT NULL,
    "input" JSONB NOT NULL,
    "redactions" JSONB,
    "decision" TEXT NOT NULL,
    "decidingRule" TEXT,
    "matchedRules" JSONB NOT NULL,
    "versions" JSONB NOT NULL,
    "effectivePolicyHash" TEXT NOT NULL,
    "shadowDecision" TEXT,
    "shadowRule" TEXT,
    "source" TEXT NOT NULL,
    "subjectId" TEXT,

    CONSTRAINT "DecisionRecord_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PolicyDocument_tenantId_level_idx" ON "PolicyDocument"("tenantId", "level");

-- CreateIndex
CREATE UNIQUE INDEX "PolicyDocument_scopeKey_name_key" ON "PolicyDocument"("scopeKey", "name");

-- CreateIndex
CREATE INDEX "PolicyVersion_scopeKey_state_idx" ON "PolicyVersion"("scopeKey", "state");

-- CreateIndex
CREATE UNIQUE INDEX "PolicyVersion_documentId_number_key" ON "PolicyVersion"("documentId", "number");

-- CreateIndex
CREATE INDEX "PolicyPublishRequest_scopeKey_state_createdAt_idx" ON "PolicyPublishRequest"("scopeKey", "state", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "PolicyPublishRequest_versionId_idx" ON "PolicyPublishRequest"("versionId");

-- CreateIndex
CREATE INDEX "DecisionRecord_tenantId_createdAt_idx" ON "DecisionRecord"("tenantId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "DecisionRecord_tenantId_action_createdAt_idx" ON "DecisionRecord"("tenantId", "action", "createdAt" DESC);

-- AddForeignKey
ALTER TABLE "PolicyDocument" ADD CONSTRAINT "PolicyDocument_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PolicyVersion" ADD CONSTRAINT "PolicyVersion_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "PolicyDocument"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PolicyPublishRequest" ADD CONSTRAINT "PolicyPublishRequest_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "PolicyVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DecisionRecord" ADD CONSTRAINT "DecisionRecord_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Policy history and decision records are evidence. The application role creates them and moves
-- a version's or an activation request's state forward; it never deletes them, never rewrites a
-- document (its scope, name, level and target are fixed at creation) and never rewrites a record.
REVOKE DELETE ON "PolicyVersion", "PolicyPublishRequest", "DecisionRecord", "PolicyDocument" FROM fleetgate_app;
REVOKE UPDATE ON "DecisionRecord" FROM fleetgate_app;

-- UPDATE stays granted on PolicyDocument only because SELECT ... FOR UPDATE (which serialises changes
-- to a document's versions) needs it; the trigger refuses every actual update.
CREATE FUNCTION fleetgate_policy_document_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'PolicyDocument % is fixed at creation: save a new version instead', OLD."id"
    USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER "PolicyDocument_fixed"
  BEFORE UPDATE ON "PolicyDocument"
  FOR EACH ROW EXECUTE FUNCTION fleetgate_policy_document_guard();

-- A policy version is immutable: what it says, who wrote it and why never change. Only its state
-- moves, and only forward: draft -> shadow -> active -> retired (a step may be skipped); its state
-- time moves with it.
CREATE FUNCTION fleetgate_policy_version_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."documentId" IS DISTINCT FROM OLD."documentId" OR NEW."scopeKey" IS DISTINCT FROM OLD."scopeKey"
     OR NEW."number" IS DISTINCT FROM OLD."number" OR NEW."content" IS DISTINCT FROM OLD."content"
     OR NEW."tests" IS DISTINCT FROM OLD."tests" OR NEW."contentHash" IS DISTINCT FROM OLD."contentHash"
     OR NEW."message" IS DISTINCT FROM OLD."message" OR NEW."authorId" IS DISTINCT FROM OLD."authorId"
     OR NEW."authorLabel" IS DISTINCT FROM OLD."authorLabel" OR NEW."createdAt" IS DISTINCT FROM OLD."createdAt"
     OR (NEW."stateAt" IS DISTINCT FROM OLD."stateAt" AND NEW."state" = OLD."state") THEN
    RAISE EXCEPTION 'PolicyVersion % is immutable: only its state may change', OLD."id"
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF array_position(ARRAY['draft','shadow','active','retired'], NEW."state"::text)
     < array_position(ARRAY['draft','shadow','active','retired'], OLD."state"::text) THEN
    RAISE EXCEPTION 'PolicyVersion % cannot go from % back to %', OLD."id", OLD."state", NEW."state"
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "PolicyVersion_immutable"
  BEFORE UPDATE ON "PolicyVersion"
  FOR EACH ROW EXECUTE FUNCTION fleetgate_policy_version_guard();

-- An activation request is decided once: pending -> approved | rejected | cancelled, and the
-- decision (who, when, why) is written in that same step. What was requested never changes.
CREATE FUNCTION fleetgate_publish_request_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."versionId" IS DISTINCT FROM OLD."versionId" OR NEW."scopeKey" IS DISTINCT FROM OLD."scopeKey"
     OR NEW."requestedById" IS DISTINCT FROM OLD."requestedById" OR NEW."requestedByLabel" IS DISTINCT FROM OLD."requestedByLabel"
     OR NEW."createdAt" IS DISTINCT FROM OLD."createdAt" THEN
    RAISE EXCEPTION 'PolicyPublishRequest %: what was requested cannot change', OLD."id"
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD."state" <> 'pending' OR NEW."state" = 'pending' THEN
    RAISE EXCEPTION 'PolicyPublishRequest % is % and cannot change', OLD."id", OLD."state"
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "PolicyPublishRequest_decided_once"
  BEFORE UPDATE ON "PolicyPublishRequest"
  FOR EACH ROW EXECUTE FUNCTION fleetgate_publish_request_guard();
