import { pauseSchedulerRoute } from "@/server/contracts/runs";
import { withAuthz } from "@/server/http/with-authz";
import { pauseScheduler } from "@/server/runs/scheduler-pause";

export const POST = withAuthz(pauseSchedulerRoute, ({ ctx, body }) => pauseScheduler(ctx, body));
