import type { RoleOption } from "@/components/members/types";
import { ROLE_INFO, TENANT_ROLES } from "@/server/authz/roles";

/** Tenant roles for forms and badges, in registry order. */
export const roleOptions = (): RoleOption[] => TENANT_ROLES.map((r) => ({ value: r, ...ROLE_INFO[r] }));
