import { decideActivationRoute } from "@/server/api/policies";
import { withAuthz } from "@/server/http/with-authz";
import { decidePolicyActivation } from "@/server/policy/decide-policy-activation";

export const POST = withAuthz(decideActivationRoute, ({ ctx, params, body }) => decidePolicyActivation(ctx, params.documentId, params.requestId, body));
