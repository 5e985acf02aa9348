-- CreateIndex
CREATE INDEX "DecisionRecord_tenantId_subjectId_idx" ON "DecisionRecord"("tenantId", "subjectId");
