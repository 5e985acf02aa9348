import { blastRadiusRoute } from "@/server/contracts/policies";
import { withAuthz } from "@/server/http/with-authz";
import { blastRadius } from "@/server/policy/blast-radius";

export const POST = withAuthz(blastRadiusRoute, ({ ctx, body }) => blastRadius(ctx, body));
