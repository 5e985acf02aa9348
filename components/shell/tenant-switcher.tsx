"use client";

import * as Menu from "@radix-ui/react-dropdown-menu";
import { Building2, Check, ChevronsUpDown } from "lucide-react";
import { usePathname, useRouter } from "next/navigation";
import { menuContentClass, menuItemClass } from "./menu-styles";
import type { SwitchableTenant } from "./nav-types";

/**
 * Switching tenant keeps the section (members stay members) when the person may open it there;
 * otherwise it lands on the other tenant's overview. Query and ids are dropped: they name this tenant's objects.
 */
export function TenantSwitcher({ current, tenants, sections }: { current: { slug: string; name: string }; tenants: SwitchableTenant[]; sections: string[] }) {
  const router = useRouter();
  const pathname = usePathname();
  const rest = pathname.slice(current.slug.length + 1);
  const section = sections.filter((s) => s && (rest === s || rest.startsWith(`${s}/`))).sort((a, b) => b.length - a.length)[0] ?? "";
  const label = (
    <>
      <Building2 aria-hidden="true" className="size-4 text-slate-500" />
      <span className="max-w-48 truncate font-medium">{current.name}</span>
    </>
  );
  if (tenants.length <= 1) return <span className="flex items-center gap-1.5 text-sm text-slate-900">{label}</span>;
  return (
    <Menu.Root modal={false}>
      <Menu.Trigger
        className="flex items-center gap-1.5 rounded-md px-2 py-1 text-sm text-slate-900 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-600"
      >
        <span className="sr-only">Switch tenant, current: </span>
        {label}
        <ChevronsUpDown aria-hidden="true" className="size-3.5 text-slate-500" />
      </Menu.Trigger>
      <Menu.Portal>
        <Menu.Content align="start" sideOffset={6} className={menuContentClass}>
          <Menu.Label className="px-2 py-1 text-xs font-medium text-slate-600">Switch tenant</Menu.Label>
          {tenants.map((t) => (
            <Menu.Item
              key={t.slug}
              className={menuItemClass}
              onSelect={() => {
                if (t.slug !== current.slug) router.push(`/${t.slug}${t.sections.includes(section) ? section : ""}`);
              }}
            >
              <Check aria-hidden="true" className={`size-4 ${t.slug === current.slug ? "text-indigo-600" : "invisible"}`} />
              <span className="flex-1 truncate">{t.name}</span>
              <span className="font-mono text-xs text-slate-600">{t.slug}</span>
            </Menu.Item>
          ))}
        </Menu.Content>
      </Menu.Portal>
    </Menu.Root>
  );
}
