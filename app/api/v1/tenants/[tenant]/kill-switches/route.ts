import { listKillSwitchesRoute, setKillSwitchRoute } from "@/server/contracts/killswitches";
import { withAuthz } from "@/server/http/with-authz";
import { listKillSwitches } from "@/server/killswitch/list-kill-switches";
import { setKillSwitch } from "@/server/killswitch/set-kill-switch";

export const GET = withAuthz(listKillSwitchesRoute, ({ ctx, query }) => listKillSwitches(ctx, query));
export const POST = withAuthz(setKillSwitchRoute, ({ ctx, body }) => setKillSwitch(ctx, body));
