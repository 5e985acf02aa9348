import { evaluatePolicyRoute } from "@/server/contracts/policies";
import { withAuthz } from "@/server/http/with-authz";
import { evaluatePolicyInput } from "@/server/policy/evaluate-policy-input";

export const POST = withAuthz(evaluatePolicyRoute, ({ ctx, body }) => evaluatePolicyInput(ctx, body));
