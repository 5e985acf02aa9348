import { createPolicyRoute, listPoliciesRoute } from "@/server/contracts/policies";
import { withAuthz } from "@/server/http/with-authz";
import { listPolicyDocuments } from "@/server/policy/list-policy-documents";
import { createPolicyDocument } from "@/server/policy/save-policy-version";

export const GET = withAuthz(listPoliciesRoute, async ({ ctx }) => ({ documents: await listPolicyDocuments(ctx) }));
export const POST = withAuthz(createPolicyRoute, ({ ctx, body }) => createPolicyDocument(ctx, body));
