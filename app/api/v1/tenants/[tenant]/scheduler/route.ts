import { getSchedulerRoute } from "@/server/contracts/runs";
import { withAuthz } from "@/server/http/with-authz";
import { schedulerState } from "@/server/runs/scheduler-pause";

export const GET = withAuthz(getSchedulerRoute, ({ ctx }) => schedulerState(ctx));
