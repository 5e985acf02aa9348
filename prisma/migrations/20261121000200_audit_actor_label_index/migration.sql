-- CreateIndex
CREATE INDEX "AuditEvent_tenantId_actorLabel_seq_idx" ON "AuditEvent"("tenantId", "actorLabel", "seq" DESC);
