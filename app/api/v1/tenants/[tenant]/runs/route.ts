import { listRunsRoute } from "@/server/contracts/runs";
import { withAuthz } from "@/server/http/with-authz";
import { listRuns } from "@/server/runs/list-runs";

export const GET = withAuthz(listRunsRoute, ({ ctx, query }) => listRuns(ctx, query));
