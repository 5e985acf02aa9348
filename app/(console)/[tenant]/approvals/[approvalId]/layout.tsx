import type { ReactNode } from "react";
import { loadApproval } from "./load-approval";

/**
 * A request that is not there, another tenant's, or one the person may not see answers 404 from
 * here, outside the page's loading boundary (inside it the not-found page would be sent with 200).
 */
export default async function ApprovalLayout({ children, params }: { children: ReactNode; params: Promise<{ tenant: string; approvalId: string }> }) {
  const { tenant, approvalId } = await params;
  await loadApproval(tenant, approvalId);
  return children;
}
