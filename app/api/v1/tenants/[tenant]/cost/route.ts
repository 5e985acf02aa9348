import { costDashboardRoute } from "@/server/contracts/cost";
import { getCostDashboard } from "@/server/cost/get-cost-dashboard";
import { withAuthz } from "@/server/http/with-authz";

export const GET = withAuthz(costDashboardRoute, ({ ctx, query }) => getCostDashboard(ctx, query));
