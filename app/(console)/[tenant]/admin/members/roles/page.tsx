import type { Metadata } from "next";
import { MembersTabs } from "@/components/members/members-tabs";
import { RoleCards } from "@/components/members/role-cards";
import { RoleMatrix } from "@/components/members/role-matrix";
import { PageHeader } from "@/components/ui/page-header";
import { PERMISSION_NAMES, PERMISSIONS, ROLE_PERMISSIONS } from "@/server/authz/permissions";
import { ROLE_INFO, TENANT_ROLES, type Role } from "@/server/authz/roles";
import { pageScope } from "../../../../_lib/page-scope";

export const metadata: Metadata = { title: "Roles" };

const ROLES: Role[] = [...TENANT_ROLES, "platform_admin"];

export default async function RolesPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const { scope } = await pageScope(tenant, "member.read");
  const roles = ROLES.map((r) => ({ value: r, ...ROLE_INFO[r], permissionCount: ROLE_PERMISSIONS[r].size, platformWide: r === "platform_admin" }));
  const permissions = PERMISSION_NAMES.map((name) => ({ name, description: PERMISSIONS[name].description, roles: [...PERMISSIONS[name].roles] }));
  return (
    <>
      <PageHeader title="Members & roles" description="What each role may do. Roles and their permissions come from Fleetgate's permission registry." />
      <MembersTabs tenant={scope.tenant.slug} current="roles" />
      <div className="space-y-6">
        <section aria-labelledby="roles-heading">
          <h2 id="roles-heading" className="mb-3 text-sm font-semibold text-slate-900">Roles</h2>
          <RoleCards roles={roles} />
        </section>
        <section aria-labelledby="matrix-heading">
          <h2 id="matrix-heading" className="mb-3 text-sm font-semibold text-slate-900">Permissions by role</h2>
          <RoleMatrix roles={roles} permissions={permissions} />
        </section>
      </div>
    </>
  );
}
