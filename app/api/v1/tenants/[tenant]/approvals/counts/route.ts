import { approvalCountsRoute } from "@/server/contracts/approvals";
import { approvalCounts } from "@/server/approvals/list-approvals";
import { withAuthz } from "@/server/http/with-authz";

export const GET = withAuthz(approvalCountsRoute, ({ ctx }) => approvalCounts(ctx));
