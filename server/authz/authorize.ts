// The one decision function: RBAC grants first, then attribute rules restrict. Fail closed: an
// unknown action denies, and a rule that cannot be evaluated (attribute missing or of the wrong
// type, unknown operator) applies, with the reason recorded.
import { accessRules, type Condition } from "./access-rules";
import { isPermission, type Permission } from "./permissions";
import type { Scope } from "./scope";

export type Effect = "allow" | "deny" | "require_approval";
export type Decision = { effect: Effect; reasons: string[]; rules: string[] };

type Attributes = { subject: Record<string, unknown>; resource: Record<string, unknown>; context: Record<string, unknown> };

const MISSING = Symbol("missing");

function lookup(attrs: Attributes, path: string): unknown {
  let cur: unknown = attrs;
  for (const key of path.split(".")) {
    if (cur === null || typeof cur !== "object" || !Object.hasOwn(cur, key)) return MISSING;
    cur = (cur as Record<string, unknown>)[key];
    if (cur === undefined) return MISSING;
  }
  return cur;
}

/** true/false, or why the condition cannot be evaluated (a missing or wrongly typed attribute). */
function holds(c: Condition, attrs: Attributes): boolean | string {
  const left = lookup(attrs, c.attr);
  if (left === MISSING) return `attribute ${c.attr} is missing`;
  let right = c.value;
  if (right && typeof right === "object" && !Array.isArray(right) && "attr" in right) {
    const ref = String((right as { attr: string }).attr);
    right = lookup(attrs, ref);
    if (right === MISSING) return `attribute ${ref} is missing`;
  }
  const numeric = () => typeof left === "number" && typeof right === "number";
  switch (c.op) {
    case "eq": return left === right;
    case "neq": return left !== right;
    case "in": return Array.isArray(right) ? right.includes(left) : `rule value for ${c.attr} is not a list`;
    case "not_in": return Array.isArray(right) ? !right.includes(left) : `rule value for ${c.attr} is not a list`;
    case "gt": return numeric() ? (left as number) > (right as number) : `attribute ${c.attr} is not a number`;
    case "gte": return numeric() ? (left as number) >= (right as number) : `attribute ${c.attr} is not a number`;
    case "lt": return numeric() ? (left as number) < (right as number) : `attribute ${c.attr} is not a number`;
    case "lte": return numeric() ? (left as number) <= (right as number) : `attribute ${c.attr} is not a number`;
    case "contains_none":
      return Array.isArray(left) && Array.isArray(right) ? !left.some((x) => right.includes(x)) : `attribute ${c.attr} is not a list`;
    default: return `operator ${String(c.op)} is unknown`;
  }
}

export function authorize(
  scope: Scope,
  action: Permission | string,
  resource: Record<string, unknown> = {},
  context: Record<string, unknown> = {},
): Decision {
  if (!isPermission(action)) return { effect: "deny", reasons: [`unknown action "${action}"`], rules: [] };
  if (!scope.permissions.has(action)) return { effect: "deny", reasons: [`missing permission ${action}`], rules: [] };
  const rules = accessRules().rulesFor(action);
  if (rules.length === 0) return { effect: "allow", reasons: [`granted by ${action}`], rules: [] };

  const attrs: Attributes = {
    subject: { id: scope.actor.kind === "user" ? scope.actor.id : scope.actor.userId, kind: scope.actor.kind, roles: scope.roles },
    resource,
    context,
  };
  const denies: string[] = [];
  const approvals: string[] = [];
  const matched: string[] = [];
  for (const rule of rules) {
    let applies = true;
    let unknown: string | undefined;
    for (const c of rule.when) {
      const r = holds(c, attrs);
      if (typeof r === "string") { unknown = r; break; }
      if (!r) { applies = false; break; }
    }
    if (unknown) {
      matched.push(rule.id);
      (rule.effect === "deny" ? denies : approvals).push(`${rule.id}: ${unknown}, so the rule applies (fail closed)`);
    } else if (applies) {
      matched.push(rule.id);
      (rule.effect === "deny" ? denies : approvals).push(`${rule.id}: ${rule.reason}`);
    }
  }
  if (denies.length) return { effect: "deny", reasons: denies, rules: matched };
  if (approvals.length) return { effect: "require_approval", reasons: approvals, rules: matched };
  return { effect: "allow", reasons: [`granted by ${action}; ${rules.length} attribute rule(s) passed`], rules: [] };
}

/** RBAC only: may the scope's actor perform the action at all (used to show screens and buttons). */
export function can(scope: Scope, action: Permission): boolean {
  return scope.permissions.has(action);
}
