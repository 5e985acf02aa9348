import { getChangesetRoute } from "@/server/contracts/changesets";
import { getChangeset } from "@/server/github/changesets/get-changeset";
import { withAuthz } from "@/server/http/with-authz";

export const GET = withAuthz(getChangesetRoute, ({ ctx, params }) => getChangeset(ctx, params.changesetId));
