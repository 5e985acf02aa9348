import { requestActivationRoute } from "@/server/contracts/policies";
import { withAuthz } from "@/server/http/with-authz";
import { requestPolicyActivation } from "@/server/policy/publish-policy-version";

export const POST = withAuthz(requestActivationRoute, ({ ctx, params, body }) => requestPolicyActivation(ctx, params.documentId, params.number, body));
