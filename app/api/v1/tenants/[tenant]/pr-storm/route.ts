import { prStormRoute } from "@/server/contracts/pr-storm";
import { withAuthz } from "@/server/http/with-authz";
import { getPrStorm } from "@/server/pr-storm/get-pr-storm";

export const GET = withAuthz(prStormRoute, ({ ctx, query }) => getPrStorm(ctx, query));
