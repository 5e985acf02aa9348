import { getCostSettingsRoute, setCostSettingsRoute } from "@/server/contracts/prices";
import { getCostSettings } from "@/server/cost/get-cost-settings";
import { setCostSettings } from "@/server/cost/set-cost-settings";
import { withAuthz } from "@/server/http/with-authz";

export const GET = withAuthz(getCostSettingsRoute, ({ ctx }) => getCostSettings(ctx));
export const PUT = withAuthz(setCostSettingsRoute, ({ ctx, body }) => setCostSettings(ctx, body));
