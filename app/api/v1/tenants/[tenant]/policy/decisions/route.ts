import { listDecisionsRoute } from "@/server/contracts/policies";
import { withAuthz } from "@/server/http/with-authz";
import { listDecisionRecords } from "@/server/policy/list-decision-records";

export const GET = withAuthz(listDecisionsRoute, ({ ctx, query }) => listDecisionRecords(ctx, query));
