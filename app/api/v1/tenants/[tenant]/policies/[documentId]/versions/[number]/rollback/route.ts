import { rollbackVersionRoute } from "@/server/contracts/policies";
import { withAuthz } from "@/server/http/with-authz";
import { rollbackPolicyVersion } from "@/server/policy/rollback-policy-version";

export const POST = withAuthz(rollbackVersionRoute, ({ ctx, params, body }) => rollbackPolicyVersion(ctx, params.documentId, params.number, body));
