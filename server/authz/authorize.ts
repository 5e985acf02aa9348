// The one decision function: RBAC grants first, then attribute rules restrict. Fail closed: an
// unknown action, or a rule whose attribute is missing, denies (or requires approval) with the
// reason recorded.
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

/** true/false, or a string naming the attribute that was missing. */
function holds(c: Condition, attrs: Attributes): boolean | string {
  const left = lookup(attrs, c.attr);
  if (left === MISSING) return c.attr;
  let right = c.value;
  if (right && typeof right === "object" && !Array.isArray(right) && "attr" in right) {
    right = lookup(attrs, String((right as { attr: string }).attr));
    if (right === MISSING) return String((c.value as { attr: string }).attr);
  }
  switch (c.op) {
    case "eq": return left === right;
    case "neq": return left !== right;
    case "in": return Array.isArray(right) && right.includes(left);
    case "not_in": return Array.isArray(right) && !right.includes(left);
    case "gt": return typeof left === "number" && typeof right === "number" && left > right;
    case "gte": return typeof left === "number" && typeof right === "number" && left >= right;
    case "lt": return typeof left === "number" && typeof right === "number" && left < right;
    case "lte": return typeof left === "number" && typeof right === "number" && left <= right;
    case "contains_none": return Array.isArray(left) && Array.isArray(right) && !left.some((x) => right.includes(x));
    default: return "operator";
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
    let missing: string | undefined;
    for (const c of rule.when) {
      const r = holds(c, attrs);
      if (typeof r === "string") { missing = r; break; }
      if (!r) { applies = false; break; }
    }
    if (missing) {
      matched.push(rule.id);
      (rule.effect === "deny" ? denies : approvals).push(`${rule.id}: attribute ${missing} is missing, so the rule applies (fail closed)`);
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
