import { shadowVersionRoute } from "@/server/contracts/policies";
import { withAuthz } from "@/server/http/with-authz";
import { shadowPolicyVersion } from "@/server/policy/publish-policy-version";

export const POST = withAuthz(shadowVersionRoute, ({ ctx, params }) => shadowPolicyVersion(ctx, params.documentId, params.number));
