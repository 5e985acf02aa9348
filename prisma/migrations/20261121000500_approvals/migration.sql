-- CreateEnum
CREATE TYPE "ApprovalState" AS ENUM ('pending', 'approved', 'denied', 'expired', 'cancelled');

-- DropForeignKey
ALTER TABLE "PolicyPublishRequest" DROP CONSTRAINT "PolicyPublishRequest_versionId_fkey";

-- DropTable
DROP TABLE "PolicyPublishRequest";

-- DropEnum
DROP TYPE "PublishRequestState";

-- CreateTable
CREATE TABLE "TeamMember" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TeamMember_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApprovalRequest" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "pendingKey" TEXT,
    "title" TEXT NOT NULL,
    "proposal" JSONB NOT NULL,
    "policyDecision" JSONB,
    "risk" TEXT NOT NULL,
    "contextKey" TEXT,
    "rule" JSONB NOT NULL,
    "eligibleRoles" TEXT[],
    "eligibleTeams" TEXT[],
    "requesterId" TEXT,
    "requesterLabel" TEXT NOT NULL,
    "subjectAuthorId" TEXT,
    "subjectAuthorLabel" TEXT,
    "state" "ApprovalState" NOT NULL DEFAULT 'pending',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "decidedAt" TIMESTAMPTZ(3),
    "outcomeReason" TEXT,
    "appliedAt" TIMESTAMPTZ(3),
    "applyResult" TEXT,

    CONSTRAINT "ApprovalRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApprovalVote" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "voterId" TEXT NOT NULL,
    "voterLabel" TEXT NOT NULL,
    "vote" TEXT NOT NULL,
    "reason" TEXT,
    "roles" TEXT[],
    "teams" TEXT[],
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApprovalVote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "requestId" TEXT,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL DEFAULT '',
    "link" TEXT,
    "dedupeKey" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" TIMESTAMPTZ(3),

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookEndpoint" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "secretEncrypted" TEXT NOT NULL,
    "secretPrefix" TEXT NOT NULL,
    "events" TEXT[],
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "WebhookEndpoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "endpointId" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastStatus" INTEGER,
    "lastError" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastAttemptAt" TIMESTAMPTZ(3),
    "deliveredAt" TIMESTAMPTZ(3),

    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TeamMember_tenantId_userId_idx" ON "TeamMember"("tenantId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "TeamMember_teamId_userId_key" ON "TeamMember"("teamId", "userId");

-- CreateIndex
CREATE INDEX "ApprovalRequest_tenantId_state_expiresAt_idx" ON "ApprovalRequest"("tenantId", "state", "expiresAt");

-- CreateIndex
CREATE INDEX "ApprovalRequest_tenantId_createdAt_idx" ON "ApprovalRequest"("tenantId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "ApprovalRequest_tenantId_kind_contextKey_createdAt_idx" ON "ApprovalRequest"("tenantId", "kind", "contextKey", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "ApprovalRequest_state_expiresAt_idx" ON "ApprovalRequest"("state", "expiresAt");

-- CreateIndex
CREATE INDEX "ApprovalRequest_appliedAt_decidedAt_idx" ON "ApprovalRequest"("appliedAt", "decidedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ApprovalRequest_tenantId_pendingKey_key" ON "ApprovalRequest"("tenantId", "pendingKey");

-- CreateIndex
CREATE INDEX "ApprovalVote_tenantId_voterId_idx" ON "ApprovalVote"("tenantId", "voterId");

-- CreateIndex
CREATE UNIQUE INDEX "ApprovalVote_requestId_voterId_key" ON "ApprovalVote"("requestId", "voterId");

-- CreateIndex
CREATE INDEX "Notification_userId_readAt_createdAt_idx" ON "Notification"("userId", "readAt", "createdAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "Notification_userId_dedupeKey_key" ON "Notification"("userId", "dedupeKey");

-- CreateIndex
CREATE INDEX "WebhookEndpoint_tenantId_createdAt_idx" ON "WebhookEndpoint"("tenantId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "WebhookDelivery_tenantId_createdAt_idx" ON "WebhookDelivery"("tenantId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "WebhookDelivery_endpointId_createdAt_idx" ON "WebhookDelivery"("endpointId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "WebhookDelivery_state_createdAt_idx" ON "WebhookDelivery"("state", "createdAt");

-- AddForeignKey
ALTER TABLE "TeamMember" ADD CONSTRAINT "TeamMember_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TeamMember" ADD CONSTRAINT "TeamMember_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApprovalRequest" ADD CONSTRAINT "ApprovalRequest_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApprovalVote" ADD CONSTRAINT "ApprovalVote_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "ApprovalRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "ApprovalRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookEndpoint" ADD CONSTRAINT "WebhookEndpoint_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_endpointId_fkey" FOREIGN KEY ("endpointId") REFERENCES "WebhookEndpoint"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Activation requests became approval requests of kind policy_activation.
DROP FUNCTION fleetgate_publish_request_guard();

-- Approvals are evidence: votes are never changed or removed, requests never removed, and a request
-- is decided once (pending -> approved | denied | expired | cancelled); what was asked never changes.
REVOKE UPDATE, DELETE ON "ApprovalVote" FROM fleetgate_app;
REVOKE DELETE ON "ApprovalRequest" FROM fleetgate_app;

CREATE FUNCTION fleetgate_approval_request_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."tenantId" IS DISTINCT FROM OLD."tenantId" OR NEW."kind" IS DISTINCT FROM OLD."kind"
     OR NEW."subjectType" IS DISTINCT FROM OLD."subjectType" OR NEW."subjectId" IS DISTINCT FROM OLD."subjectId"
     OR NEW."action" IS DISTINCT FROM OLD."action" OR NEW."proposal" IS DISTINCT FROM OLD."proposal"
     OR NEW."policyDecision" IS DISTINCT FROM OLD."policyDecision" OR NEW."rule" IS DISTINCT FROM OLD."rule"
     OR NEW."requesterId" IS DISTINCT FROM OLD."requesterId" OR NEW."subjectAuthorId" IS DISTINCT FROM OLD."subjectAuthorId"
     OR NEW."createdAt" IS DISTINCT FROM OLD."createdAt" OR NEW."expiresAt" IS DISTINCT FROM OLD."expiresAt" THEN
    RAISE EXCEPTION 'ApprovalRequest %: what was requested cannot change', OLD."id"
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD."state" <> 'pending' AND (NEW."state" <> OLD."state" OR NEW."decidedAt" IS DISTINCT FROM OLD."decidedAt"
     OR NEW."outcomeReason" IS DISTINCT FROM OLD."outcomeReason") THEN
    RAISE EXCEPTION 'ApprovalRequest % is % and cannot change', OLD."id", OLD."state"
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD."appliedAt" IS NOT NULL AND (NEW."appliedAt" IS DISTINCT FROM OLD."appliedAt" OR NEW."applyResult" IS DISTINCT FROM OLD."applyResult") THEN
    RAISE EXCEPTION 'ApprovalRequest % outcome was already applied', OLD."id"
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "ApprovalRequest_decided_once"
  BEFORE UPDATE ON "ApprovalRequest"
  FOR EACH ROW EXECUTE FUNCTION fleetgate_approval_request_guard();
