-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "promptInjectionSignals" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "RunEvent_tenantId_kind_at_idx" ON "RunEvent"("tenantId", "kind", "at");
