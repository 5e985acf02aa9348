import { releaseKillSwitchRoute } from "@/server/contracts/killswitches";
import { withAuthz } from "@/server/http/with-authz";
import { releaseKillSwitch } from "@/server/killswitch/release-kill-switch";

export const POST = withAuthz(releaseKillSwitchRoute, ({ ctx, params, body }) => releaseKillSwitch(ctx, params.killSwitchId, body.reason));
