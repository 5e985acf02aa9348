import { ShieldCheck } from "lucide-react";
import Link from "next/link";
import { NotificationBell } from "../notifications/notification-bell";
import type { SwitchableTenant } from "./nav-types";
import { TenantSwitcher } from "./tenant-switcher";
import { UserMenu } from "./user-menu";

export function ConsoleHeader(props: {
  tenant: { slug: string; name: string; status: string };
  tenants: SwitchableTenant[];
  sections: string[];
  user: { name: string; email: string; roles: string[] };
}) {
  return (
    <header className="sticky top-0 z-30 flex h-12 items-center justify-between gap-3 border-b border-slate-200 bg-white px-3 md:px-4">
      <div className="flex min-w-0 items-center gap-2">
        <Link href={`/${props.tenant.slug}`} className="flex items-center gap-1.5 rounded-md px-1 py-1 font-semibold text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-600">
          <ShieldCheck aria-hidden="true" className="size-5 text-indigo-600" />
          Fleetgate
        </Link>
        <span aria-hidden="true" className="text-slate-300">/</span>
        <TenantSwitcher current={props.tenant} tenants={props.tenants} sections={props.sections} />
        {props.tenant.status !== "active" ? (
          <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900">{props.tenant.status}</span>
        ) : null}
      </div>
      <div className="flex items-center gap-1">
        <NotificationBell tenant={props.tenant.slug} />
        <UserMenu tenant={props.tenant.slug} {...props.user} />
      </div>
    </header>
  );
}
