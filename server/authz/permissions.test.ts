import { describe, expect, it } from "vitest";
import { defaultPolicySets } from "../test/policy-sets";
import { isPermission, PERMISSION_NAMES, PERMISSIONS, permissionsOfRoles, ROLE_PERMISSIONS, type Permission } from "./permissions";
import { ROLE_INFO, TENANT_ROLES, type Role } from "./roles";

const ALL_ROLES = Object.keys(ROLE_INFO) as Role[];

describe("permission registry", () => {
  it.each(PERMISSION_NAMES)("%s is named resource.action, described and held by a known role", (name) => {
    const spec = PERMISSIONS[name];
    expect(name).toMatch(/^[a-z][a-z_]*\.[a-z][a-z_]*$/);
    expect(spec.description.trim().length).toBeGreaterThanOrEqual(5);
    expect(spec.roles.length).toBeGreaterThan(0);
    for (const role of spec.roles) expect(ALL_ROLES).toContain(role);
    expect(new Set(spec.roles).size).toBe(spec.roles.length);
  });

  it("marks read permissions as not mutating", () => {
    for (const name of PERMISSION_NAMES.filter((n) => n.endsWith(".read"))) expect(PERMISSIONS[name].mutates, name).toBe(false);
  });

  it("gives viewers and auditors nothing that changes the tenant's state (only their own notifications' read marks)", () => {
    for (const role of ["viewer", "auditor"] as const) {
      const mutating = [...ROLE_PERMISSIONS[role]].filter((p) => PERMISSIONS[p].mutates && p !== "notification.update");
      expect(mutating, role).toEqual([]);
    }
  });

  it("derives every role's permissions from the registry and gives every role something", () => {
    for (const role of ALL_ROLES) {
      const expected = PERMISSION_NAMES.filter((p) => (PERMISSIONS[p].roles as readonly Role[]).includes(role));
      expect([...ROLE_PERMISSIONS[role]].sort(), role).toEqual(expected.sort());
      expect(ROLE_PERMISSIONS[role].size, role).toBeGreaterThan(0);
    }
    expect(ALL_ROLES.sort()).toEqual([...TENANT_ROLES, "platform_admin"].sort());
  });

  it("unions permissions over roles and ignores unknown roles", () => {
    const both = permissionsOfRoles(["viewer", "auditor"]);
    expect(both).toEqual(new Set([...ROLE_PERMISSIONS.viewer, ...ROLE_PERMISSIONS.auditor]));
    expect(permissionsOfRoles(["root" as Role])).toEqual(new Set());
  });

  it("recognises only registered names as permissions", () => {
    expect(isPermission("audit.read")).toBe(true);
    expect(isPermission("audit.delete")).toBe(false);
    expect(isPermission("toString")).toBe(false);
    expect(isPermission("__proto__")).toBe(false);
  });

  it("the console's attribute rules govern only registered, mutating permissions", () => {
    for (const rule of defaultPolicySets().active.rules.filter((r) => r.policy === "platform-console-access")) {
      for (const [action] of [...defaultPolicySets().active.byAction].filter(([, rules]) => rules.includes(rule))) {
        expect(isPermission(action), `${rule.id}: ${action}`).toBe(true);
        expect(PERMISSIONS[action as Permission].mutates, rule.id).toBe(true);
      }
    }
  });
});
