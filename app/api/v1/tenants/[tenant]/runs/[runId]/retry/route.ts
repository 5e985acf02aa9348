import { retryRunRoute } from "@/server/contracts/runs";
import { withAuthz } from "@/server/http/with-authz";
import { retryRun } from "@/server/runs/retry-run";

export const POST = withAuthz(retryRunRoute, ({ ctx, params, body }) => retryRun(ctx, params.runId, body));
