import type { ReactNode } from "react";
import { PendingInvitations } from "@/components/account/pending-invitations";
import { QueryProvider } from "@/components/api/query-provider";
import { ConsoleHeader } from "@/components/shell/console-header";
import type { SwitchableTenant } from "@/components/shell/nav-types";
import { SideNav } from "@/components/shell/side-nav";
import { ToastProvider } from "@/components/ui/toast";
import { switchableTenants, type UserActor } from "@/server/auth/page-session";
import { permissionsOfRoles, type Permission } from "@/server/authz/permissions";
import { ROLE_INFO, type Role } from "@/server/authz/roles";
import { personReadContext } from "@/server/core/person-op";
import { listMyInvitations } from "@/server/invitations/list-my-invitations";
import { allowedSections } from "../_lib/nav";
import { tenantScope } from "../_lib/page-scope";
import { roleOptions } from "../_lib/role-options";

function permissionsIn(actor: UserActor, slug: string): ReadonlySet<Permission> {
  const roles: Role[] = [...(actor.memberships.find((m) => m.tenantSlug === slug)?.roles ?? [])];
  if (actor.platformAdmin) roles.push("platform_admin");
  return permissionsOfRoles(roles);
}

export default async function TenantLayout({ children, params }: { children: ReactNode; params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const { actor, scope } = await tenantScope(tenant);
  const items = allowedSections(scope.permissions);
  const tenants: SwitchableTenant[] = (await switchableTenants(actor)).map((t) => ({
    ...t,
    sections: allowedSections(permissionsIn(actor, t.slug)).map((s) => s.href),
  }));
  const { invitations } = await listMyInvitations(personReadContext(actor));
  return (
    <QueryProvider>
      <ToastProvider>
        <a href="#main" className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:shadow">
          Skip to content
        </a>
        <ConsoleHeader
          tenant={scope.tenant}
          tenants={tenants}
          sections={items.map((i) => i.href)}
          user={{ name: actor.name, email: actor.email, roles: scope.roles.map((r) => ROLE_INFO[r].label) }}
        />
        <div className="md:flex md:min-h-[calc(100vh-3rem)]">
          <div className="border-b border-slate-200 bg-white md:w-56 md:shrink-0 md:border-r md:border-b-0">
            <div className="md:sticky md:top-12">
              <SideNav tenant={scope.tenant.slug} items={items} />
            </div>
          </div>
          <main id="main" tabIndex={-1} className="min-w-0 flex-1 px-4 py-6 focus:outline-none md:px-8">
            <div className="mx-auto max-w-6xl">
              <PendingInvitations initial={invitations} roleOptions={roleOptions()} />
              {children}
            </div>
          </main>
        </div>
      </ToastProvider>
    </QueryProvider>
  );
}
