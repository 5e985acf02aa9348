import { saveVersionRoute } from "@/server/contracts/policies";
import { withAuthz } from "@/server/http/with-authz";
import { savePolicyVersion } from "@/server/policy/save-policy-version";

export const POST = withAuthz(saveVersionRoute, ({ ctx, params, body }) => savePolicyVersion(ctx, params.documentId, body));
