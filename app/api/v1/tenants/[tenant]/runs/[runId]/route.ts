import { getRunRoute } from "@/server/contracts/runs";
import { withAuthz } from "@/server/http/with-authz";
import { getRun } from "@/server/runs/get-run";

export const GET = withAuthz(getRunRoute, ({ ctx, params }) => getRun(ctx, params.runId));
