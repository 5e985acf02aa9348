import { runCostRoute } from "@/server/contracts/cost";
import { getRunCost } from "@/server/cost/get-run-cost";
import { withAuthz } from "@/server/http/with-authz";

export const GET = withAuthz(runCostRoute, ({ ctx, params }) => getRunCost(ctx, params.runId));
