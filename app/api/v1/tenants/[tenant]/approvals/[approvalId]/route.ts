import { getApprovalRoute } from "@/server/contracts/approvals";
import { getApproval } from "@/server/approvals/get-approval";
import { withAuthz } from "@/server/http/with-authz";

export const GET = withAuthz(getApprovalRoute, ({ ctx, params }) => getApproval(ctx, params.approvalId));
