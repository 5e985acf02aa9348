import { getPolicyRoute } from "@/server/contracts/policies";
import { withAuthz } from "@/server/http/with-authz";
import { getPolicyDocument } from "@/server/policy/get-policy-document";

export const GET = withAuthz(getPolicyRoute, ({ ctx, params }) => getPolicyDocument(ctx, params.documentId));
