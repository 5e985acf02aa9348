import { voteApprovalRoute } from "@/server/contracts/approvals";
import { voteOnApproval } from "@/server/approvals/vote-on-approval";
import { withAuthz } from "@/server/http/with-authz";

export const POST = withAuthz(voteApprovalRoute, ({ ctx, params, body }) => voteOnApproval(ctx, params.approvalId, body));
