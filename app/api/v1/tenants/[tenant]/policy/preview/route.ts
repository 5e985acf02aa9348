import { previewPolicyRoute } from "@/server/contracts/policies";
import { withAuthz } from "@/server/http/with-authz";
import { previewPolicyDraft } from "@/server/policy/preview-policy-draft";

export const POST = withAuthz(previewPolicyRoute, ({ ctx, body }) => previewPolicyDraft(ctx, body));
