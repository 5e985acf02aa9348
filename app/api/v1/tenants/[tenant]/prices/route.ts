import { addPriceVersionRoute, listPricesRoute } from "@/server/contracts/prices";
import { addPriceVersion } from "@/server/cost/add-price-version";
import { listPrices } from "@/server/cost/list-prices";
import { withAuthz } from "@/server/http/with-authz";

export const GET = withAuthz(listPricesRoute, ({ ctx }) => listPrices(ctx));
export const POST = withAuthz(addPriceVersionRoute, ({ ctx, body }) => addPriceVersion(ctx, body));
