import { getVersionRoute } from "@/server/contracts/policies";
import { withAuthz } from "@/server/http/with-authz";
import { getPolicyVersion } from "@/server/policy/get-policy-document";

export const GET = withAuthz(getVersionRoute, ({ ctx, params }) => getPolicyVersion(ctx, params.documentId, params.number));
