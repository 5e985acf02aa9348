// A console action's decision, the one both authorize() and try-an-input use: RBAC grants first
// (the permissions the subject's roles or token hold), then the policy restricts. An action no
// policy rule names is decided by RBAC alone.
import { sha256, type CompiledPolicySet } from "../policy/compile";
import { evaluate, type PolicyDecision } from "../policy/evaluate";
import { PERMISSIONS, type Permission } from "./permissions";

/** Which layer decided: RBAC (the subject's roles), policy (a rule, or none), or the boundary (governance of paths, classes and sizes). */
export type Layer = "rbac" | "policy" | "boundary";
export type LayeredDecision = PolicyDecision & { layer: Layer };

const NO_POLICY = sha256("");

/**
 * `holder` says what the subject holds, for the explanation ("holds roles operator", "is an API token").
 * The input is the policy's, built by the caller from its scope or from the tried subject.
 */
export function decideAccess(set: CompiledPolicySet, granted: ReadonlySet<Permission>, input: { action: Permission } & Record<string, unknown>, holder: string): LayeredDecision {
  const { action } = input;
  if (!granted.has(action)) {
    return {
      decision: "deny", denyKind: "explicit", layer: "rbac", matchedRules: [], effectivePolicyHash: NO_POLICY,
      explanation: `missing permission ${action}: it is granted to ${PERMISSIONS[action].roles.join(", ")}, and the subject ${holder}`,
    };
  }
  if (!set.byAction.has(action)) {
    return { decision: "allow", layer: "rbac", matchedRules: [], effectivePolicyHash: NO_POLICY, explanation: `granted by ${action} (the subject ${holder}); no policy rule restricts it` };
  }
  return { ...evaluate(set, input), layer: "policy" };
}
