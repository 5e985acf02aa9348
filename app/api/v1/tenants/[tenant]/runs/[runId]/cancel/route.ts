import { cancelRunRoute } from "@/server/contracts/runs";
import { withAuthz } from "@/server/http/with-authz";
import { cancelRun } from "@/server/runs/cancel-run";

export const POST = withAuthz(cancelRunRoute, ({ ctx, params, body }) => cancelRun(ctx, params.runId, body.reason));
