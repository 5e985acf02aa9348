-- CreateIndex
CREATE INDEX "ApprovalRequest_tenantId_subjectType_subjectId_idx" ON "ApprovalRequest"("tenantId", "subjectType", "subjectId");
