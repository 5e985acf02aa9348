// The one decision function: RBAC grants first, then the policy engine restricts. Attribute rules
// are policy documents (policies/platform/console-access.yaml and whatever tenants add), evaluated
// with the scope's effective policy. Fail closed: an unknown action denies, and a rule that cannot
// be evaluated (a missing or wrongly typed attribute) denies the whole decision, with its cause.
import { evaluate } from "../policy/evaluate";
import type { DecisionToRecord } from "../policy/record-decision";
import { decideAccess } from "./decide-access";
import { isPermission, type Permission } from "./permissions";
import type { Scope } from "./scope";

export type Effect = "allow" | "deny" | "require_approval";
export type Decision = {
  effect: Effect;
  reasons: string[];
  /** "policy/rule" of every rule that matched. */
  rules: string[];
  /** Set when policy rules, not RBAC alone, decided: the decision record to keep. */
  record?: DecisionToRecord;
};

export function authorize(
  scope: Scope,
  action: Permission | string,
  resource: Record<string, unknown> = {},
  context: Record<string, unknown> = {},
): Decision {
  if (!isPermission(action)) return { effect: "deny", reasons: [`unknown action "${action}"`], rules: [] };
  const { active, shadow } = scope.policy;
  // A token acts for the person who created it: rules about "the requester" mean that person.
  const subjectId = scope.actor.kind === "user" ? scope.actor.id : scope.actor.userId;
  const input = {
    action,
    resource: { kind: action.slice(0, action.indexOf(".")), ...resource },
    subject: { id: subjectId, kind: scope.actor.kind, roles: scope.roles },
    context,
  };
  const holder = scope.actor.kind === "token" ? "is an API token" : `holds roles ${scope.roles.join(", ")}`;
  const decision = decideAccess(active, scope.permissions, input, holder);
  if (decision.layer === "rbac") return { effect: decision.decision, reasons: [decision.explanation], rules: [] };
  const record: DecisionToRecord = {
    input, decision, source: "authorize", subjectId,
    ...(shadow ? { shadow: evaluate(shadow, input) } : {}),
  };
  return {
    effect: decision.decision,
    reasons: [decision.explanation],
    rules: decision.matchedRules.map((m) => `${m.policy}/${m.rule}`),
    record,
  };
}

/** RBAC only: may the scope's actor perform the action at all (used to show screens and buttons). */
export function can(scope: Scope, action: Permission): boolean {
  return scope.permissions.has(action);
}
