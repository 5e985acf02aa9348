import { resumeSchedulerRoute } from "@/server/contracts/runs";
import { withAuthz } from "@/server/http/with-authz";
import { resumeScheduler } from "@/server/runs/scheduler-pause";

export const POST = withAuthz(resumeSchedulerRoute, ({ ctx, body }) => resumeScheduler(ctx, body));
