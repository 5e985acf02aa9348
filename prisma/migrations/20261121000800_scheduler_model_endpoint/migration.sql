-- CreateTable
CREATE TABLE "SchedulerPause" (
    "scope" TEXT NOT NULL,
    "tenantId" TEXT,
    "reason" TEXT NOT NULL,
    "pausedById" TEXT,
    "pausedByLabel" TEXT NOT NULL,
    "pausedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SchedulerPause_pkey" PRIMARY KEY ("scope")
);

-- CreateTable
CREATE TABLE "ModelEndpoint" (
    "tenantId" TEXT NOT NULL,
    "baseUrl" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "keySealed" TEXT,
    "maxTurns" INTEGER NOT NULL DEFAULT 40,
    "tokenBudget" INTEGER NOT NULL DEFAULT 200000,
    "timeoutMs" INTEGER NOT NULL DEFAULT 60000,
    "updatedByLabel" TEXT NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ModelEndpoint_pkey" PRIMARY KEY ("tenantId")
);

-- CreateIndex
CREATE INDEX "Run_tenantId_requesterLabel_queuedAt_idx" ON "Run"("tenantId", "requesterLabel", "queuedAt" DESC);

-- AddForeignKey
ALTER TABLE "SchedulerPause" ADD CONSTRAINT "SchedulerPause_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ModelEndpoint" ADD CONSTRAINT "ModelEndpoint_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;
