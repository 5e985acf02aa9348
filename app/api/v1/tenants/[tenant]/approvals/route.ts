import { listApprovalsRoute } from "@/server/api/approvals";
import { listApprovals } from "@/server/approvals/list-approvals";
import { withAuthz } from "@/server/http/with-authz";

export const GET = withAuthz(listApprovalsRoute, ({ ctx, query }) => listApprovals(ctx, query));
