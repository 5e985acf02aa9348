import { listApprovalsRoute } from "@/server/contracts/approvals";
import { listApprovals } from "@/server/approvals/list-approvals";
import { withAuthz } from "@/server/http/with-authz";

export const GET = withAuthz(listApprovalsRoute, ({ ctx, query }) => listApprovals(ctx, query));
