import type { Metadata } from "next";
import { ApprovalDetailView } from "@/components/approvals/approval-detail";
import { loadApproval } from "./load-approval";

export const metadata: Metadata = { title: "Approval request" };

export default async function ApprovalPage({ params }: { params: Promise<{ tenant: string; approvalId: string }> }) {
  const { tenant, approvalId } = await params;
  const { scope, detail } = await loadApproval(tenant, approvalId);
  return <ApprovalDetailView tenant={scope.tenant.slug} initial={detail} />;
}
