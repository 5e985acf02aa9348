"use client";

import * as Menu from "@radix-ui/react-dropdown-menu";
import { ChevronDown, LogOut, MonitorSmartphone, ShieldOff } from "lucide-react";
import Link from "next/link";
import { signOutEverywhere } from "../account/sign-out-everywhere";
import { errorMessage } from "../api/api-error";
import { signOutAndLeave } from "../auth/sign-out";
import { useToast } from "../ui/toast";
import { menuContentClass, menuItemClass } from "./menu-styles";

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? "") + (parts.length > 1 ? parts[parts.length - 1]![0] : "")).toUpperCase() || "?";
}

export function UserMenu({ tenant, name, email, roles }: { tenant: string; name: string; email: string; roles: string[] }) {
  const toast = useToast();
  return (
    <Menu.Root modal={false}>
      <Menu.Trigger
        className="flex items-center gap-2 rounded-md px-1.5 py-1 text-sm text-slate-800 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-600"
      >
        <span aria-hidden="true" className="flex size-7 items-center justify-center rounded-full bg-indigo-100 text-xs font-semibold text-indigo-800">
          {initials(name)}
        </span>
        <span className="sr-only">Account menu for </span>
        <span className="sr-only max-w-56 truncate sm:not-sr-only">{name}</span>
        <ChevronDown aria-hidden="true" className="size-3.5 text-slate-500" />
      </Menu.Trigger>
      <Menu.Portal>
        <Menu.Content align="end" sideOffset={6} className={menuContentClass}>
          <Menu.Label className="px-2 pt-2 pb-1">
            <span className="block font-medium text-slate-900">{name}</span>
            <span className="block text-xs text-slate-600">{email}</span>
          </Menu.Label>
          <Menu.Label className="px-2 pb-2 text-xs text-slate-600">
            Roles in this tenant: <span className="font-medium text-slate-800">{roles.join(", ")}</span>
          </Menu.Label>
          <Menu.Separator className="my-1 h-px bg-slate-200" />
          <Menu.Item asChild className={menuItemClass}>
            <Link href={`/${tenant}/account/sessions`}>
              <MonitorSmartphone aria-hidden="true" className="size-4 text-slate-500" />
              Sessions
            </Link>
          </Menu.Item>
          <Menu.Item className={menuItemClass} onSelect={() => void signOutAndLeave()}>
            <LogOut aria-hidden="true" className="size-4 text-slate-500" />
            Sign out
          </Menu.Item>
          <Menu.Item className={menuItemClass} onSelect={() => void signOutEverywhere().catch((e: unknown) => toast.error(errorMessage(e)))}>
            <ShieldOff aria-hidden="true" className="size-4 text-slate-500" />
            Sign out everywhere
          </Menu.Item>
        </Menu.Content>
      </Menu.Portal>
    </Menu.Root>
  );
}
