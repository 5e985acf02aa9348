import { listKillSwitchesRoute, setKillSwitchRoute } from "@/server/contracts/kill-switches";
import { withAuthz } from "@/server/http/with-authz";
import { listKillSwitches } from "@/server/kill-switches/list-kill-switches";
import { setKillSwitch } from "@/server/kill-switches/set-kill-switch";

export const GET = withAuthz(listKillSwitchesRoute, ({ ctx, query }) => listKillSwitches(ctx, query));
export const POST = withAuthz(setKillSwitchRoute, ({ ctx, body }) => setKillSwitch(ctx, body));
