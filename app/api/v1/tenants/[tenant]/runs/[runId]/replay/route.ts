import { getRunReplayRoute } from "@/server/contracts/runs";
import { withAuthz } from "@/server/http/with-authz";
import { runReplayPackage } from "@/server/runs/replay-package";

export const GET = withAuthz(getRunReplayRoute, ({ ctx, params }) => runReplayPackage(ctx, params.runId));
