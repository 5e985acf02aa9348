import { describe, expect, it } from "vitest";
import { BUILTIN_ACCESS_RULES } from "./access-rules";
import { isPermission, PERMISSION_NAMES, PERMISSIONS, permissionsOfRoles, ROLE_PERMISSIONS } from "./permissions";
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

  it("gives viewers and auditors nothing that changes state", () => {
    for (const role of ["viewer", "auditor"] as const) {
      const mutating = [...ROLE_PERMISSIONS[role]].filter((p) => PERMISSIONS[p].mutates);
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

  it("attaches attribute rules only to registered, mutating permissions", () => {
    for (const rule of BUILTIN_ACCESS_RULES) {
      expect(isPermission(rule.action), rule.id).toBe(true);
      expect(PERMISSIONS[rule.action].mutates, rule.id).toBe(true);
    }
    expect(new Set(BUILTIN_ACCESS_RULES.map((r) => r.id)).size).toBe(BUILTIN_ACCESS_RULES.length);
  });
});
