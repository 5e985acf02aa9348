-- CreateEnum
CREATE TYPE "RunState" AS ENUM ('queued', 'preparing', 'running', 'verifying', 'awaiting_approval', 'succeeded', 'failed', 'cancelled');

-- CreateEnum
CREATE TYPE "RunFailureClass" AS ENUM ('infrastructure', 'policy_denied', 'verifier_failed', 'budget_exhausted', 'timeout', 'cancelled', 'agent_error');

-- AlterTable
ALTER TABLE "Repository" ADD COLUMN     "remoteUrl" TEXT,
ADD COLUMN     "verifierProfile" TEXT NOT NULL DEFAULT 'none';

-- CreateTable
CREATE TABLE "Task" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "repositoryId" TEXT NOT NULL,
    "taskClass" TEXT NOT NULL,
    "agentKind" TEXT NOT NULL,
    "recipe" TEXT,
    "instruction" TEXT NOT NULL,
    "autonomy" TEXT NOT NULL,
    "requesterId" TEXT,
    "requesterLabel" TEXT NOT NULL,
    "campaignId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Task_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Run" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "taskId" TEXT NOT NULL,
    "repositoryId" TEXT NOT NULL,
    "taskClass" TEXT NOT NULL,
    "requesterLabel" TEXT NOT NULL,
    "campaignId" TEXT,
    "attempt" INTEGER NOT NULL DEFAULT 1,
    "state" "RunState" NOT NULL DEFAULT 'queued',
    "failureClass" "RunFailureClass",
    "failureMessage" TEXT,
    "cancelRequested" BOOLEAN NOT NULL DEFAULT false,
    "baseSha" TEXT,
    "effectivePolicyHash" TEXT,
    "policyVersions" JSONB,
    "leaseOwner" TEXT,
    "leaseExpiresAt" TIMESTAMPTZ(3),
    "leaseCount" INTEGER NOT NULL DEFAULT 0,
    "agentState" JSONB,
    "pendingToolCall" JSONB,
    "approvalId" TEXT,
    "toolCalls" INTEGER NOT NULL DEFAULT 0,
    "modelCalls" INTEGER NOT NULL DEFAULT 0,
    "inputTokens" INTEGER NOT NULL DEFAULT 0,
    "outputTokens" INTEGER NOT NULL DEFAULT 0,
    "redactions" JSONB NOT NULL DEFAULT '{}',
    "diffStats" JSONB,
    "boundaryReport" JSONB,
    "verifierReport" JSONB,
    "summary" TEXT,
    "queuedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMPTZ(3),
    "finishedAt" TIMESTAMPTZ(3),
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RunEvent" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "kind" TEXT NOT NULL,
    "fromState" "RunState",
    "toState" "RunState",
    "message" TEXT NOT NULL,
    "data" JSONB,

    CONSTRAINT "RunEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RunArtifact" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "content" TEXT NOT NULL,
    "restricted" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RunArtifact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ModelCall" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "inputTokens" INTEGER NOT NULL,
    "outputTokens" INTEGER NOT NULL,
    "latencyMs" INTEGER NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ModelCall_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "KillSwitch" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT,
    "level" TEXT NOT NULL,
    "target" TEXT,
    "effects" TEXT[],
    "reason" TEXT NOT NULL,
    "setById" TEXT,
    "setByLabel" TEXT NOT NULL,
    "setAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "releasedAt" TIMESTAMPTZ(3),
    "releasedByLabel" TEXT,
    "releaseReason" TEXT,

    CONSTRAINT "KillSwitch_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Task_tenantId_createdAt_idx" ON "Task"("tenantId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Run_tenantId_queuedAt_idx" ON "Run"("tenantId", "queuedAt" DESC);

-- CreateIndex
CREATE INDEX "Run_tenantId_state_queuedAt_idx" ON "Run"("tenantId", "state", "queuedAt" DESC);

-- CreateIndex
CREATE INDEX "Run_tenantId_repositoryId_queuedAt_idx" ON "Run"("tenantId", "repositoryId", "queuedAt" DESC);

-- CreateIndex
CREATE INDEX "Run_tenantId_taskClass_queuedAt_idx" ON "Run"("tenantId", "taskClass", "queuedAt" DESC);

-- CreateIndex
CREATE INDEX "Run_tenantId_campaignId_queuedAt_idx" ON "Run"("tenantId", "campaignId", "queuedAt" DESC);

-- CreateIndex
CREATE INDEX "Run_state_leaseExpiresAt_idx" ON "Run"("state", "leaseExpiresAt");

-- CreateIndex
CREATE INDEX "Run_taskId_idx" ON "Run"("taskId");

-- CreateIndex
CREATE INDEX "RunEvent_tenantId_at_idx" ON "RunEvent"("tenantId", "at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "RunEvent_runId_seq_key" ON "RunEvent"("runId", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "RunArtifact_runId_kind_key" ON "RunArtifact"("runId", "kind");

-- CreateIndex
CREATE INDEX "ModelCall_tenantId_at_idx" ON "ModelCall"("tenantId", "at" DESC);

-- CreateIndex
CREATE INDEX "ModelCall_runId_idx" ON "ModelCall"("runId");

-- CreateIndex
CREATE INDEX "KillSwitch_releasedAt_tenantId_idx" ON "KillSwitch"("releasedAt", "tenantId");

-- CreateIndex
CREATE INDEX "KillSwitch_tenantId_setAt_idx" ON "KillSwitch"("tenantId", "setAt" DESC);

-- AddForeignKey
ALTER TABLE "Task" ADD CONSTRAINT "Task_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Task" ADD CONSTRAINT "Task_repositoryId_fkey" FOREIGN KEY ("repositoryId") REFERENCES "Repository"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Run" ADD CONSTRAINT "Run_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Run" ADD CONSTRAINT "Run_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunEvent" ADD CONSTRAINT "RunEvent_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunArtifact" ADD CONSTRAINT "RunArtifact_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ModelCall" ADD CONSTRAINT "ModelCall_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KillSwitch" ADD CONSTRAINT "KillSwitch_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A run's timeline and artifacts are evidence: appended, never edited or removed by the application.
REVOKE UPDATE, DELETE ON "RunEvent" FROM fleetgate_app;
REVOKE UPDATE, DELETE ON "RunArtifact" FROM fleetgate_app;
REVOKE UPDATE, DELETE ON "ModelCall" FROM fleetgate_app;
-- Kill switches are released, never deleted: the history says who stopped what and why.
REVOKE DELETE ON "KillSwitch" FROM fleetgate_app;
REVOKE DELETE ON "Task" FROM fleetgate_app;
REVOKE DELETE ON "Run" FROM fleetgate_app;
