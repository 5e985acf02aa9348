import { listChangesetsRoute } from "@/server/contracts/changesets";
import { listChangesets } from "@/server/github/changesets/list-changesets";
import { withAuthz } from "@/server/http/with-authz";

export const GET = withAuthz(listChangesetsRoute, ({ ctx, query }) => listChangesets(ctx, query));
