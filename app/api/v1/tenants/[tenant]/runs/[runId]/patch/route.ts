import { getRunPatchRoute } from "@/server/contracts/runs";
import { withAuthz } from "@/server/http/with-authz";
import { getRunPatch } from "@/server/runs/get-run-patch";

export const GET = withAuthz(getRunPatchRoute, ({ ctx, params }) => getRunPatch(ctx, params.runId));
