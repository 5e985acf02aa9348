import { cancelApprovalRoute } from "@/server/contracts/approvals";
import { cancelApproval } from "@/server/approvals/cancel-approval";
import { withAuthz } from "@/server/http/with-authz";

export const POST = withAuthz(cancelApprovalRoute, ({ ctx, params, body }) => cancelApproval(ctx, params.approvalId, body));
