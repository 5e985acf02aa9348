import { getRunChangesetRoute } from "@/server/contracts/changesets";
import { getRunChangeset } from "@/server/github/changesets/get-run-changeset";
import { withAuthz } from "@/server/http/with-authz";

export const GET = withAuthz(getRunChangesetRoute, ({ ctx, params }) => getRunChangeset(ctx, params.runId));
