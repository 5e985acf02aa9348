import { releaseKillSwitchRoute } from "@/server/contracts/kill-switches";
import { withAuthz } from "@/server/http/with-authz";
import { releaseKillSwitch } from "@/server/kill-switches/release-kill-switch";

export const POST = withAuthz(releaseKillSwitchRoute, ({ ctx, params, body }) => releaseKillSwitch(ctx, params.killSwitchId, body.reason));
