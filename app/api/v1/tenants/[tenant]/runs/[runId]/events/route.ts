import { listRunEventsRoute } from "@/server/contracts/runs";
import { withAuthz } from "@/server/http/with-authz";
import { listRunEvents } from "@/server/runs/list-run-events";

export const GET = withAuthz(listRunEventsRoute, ({ ctx, params, query }) => listRunEvents(ctx, params.runId, query));
