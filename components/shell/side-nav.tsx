"use client";

import { BookLock, FileCheck2, FolderGit2, KeyRound, LayoutDashboard, Users, UsersRound, type LucideIcon } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "../ui/cn";
import type { NavIcon, NavItem } from "./nav-types";

const ICONS: Record<NavIcon, LucideIcon> = {
  overview: LayoutDashboard,
  repositories: FolderGit2,
  teams: UsersRound,
  members: Users,
  tokens: KeyRound,
  policies: FileCheck2,
  audit: BookLock,
};

/** The screens this person may open in this tenant (computed on the server). */
export function SideNav({ tenant, items }: { tenant: string; items: NavItem[] }) {
  const pathname = usePathname();
  const base = `/${tenant}`;
  const isActive = (href: string) => (href === "" ? pathname === base : pathname === base + href || pathname.startsWith(`${base}${href}/`));
  const groups = [...new Set(items.map((i) => i.group))];
  return (
    <nav aria-label="Main" className="flex gap-4 overflow-x-auto px-3 py-2 md:flex-col md:gap-5 md:px-3 md:py-5">
      {groups.map((group) => (
        <div key={group} className="flex gap-1 md:flex-col">
          <p className="hidden px-2 pb-1 text-[11px] font-semibold tracking-wide text-slate-600 uppercase md:block">{group}</p>
          <ul className="flex gap-1 md:flex-col">
            {items.filter((i) => i.group === group).map((item) => {
              const Icon = ICONS[item.icon];
              const active = isActive(item.href);
              return (
                <li key={item.href}>
                  <Link
                    href={base + item.href}
                    aria-current={active ? "page" : undefined}
                    className={cn(
                      "flex items-center gap-2 rounded-md px-2 py-1.5 text-sm whitespace-nowrap",
                      "focus-visible:outline-2 focus-visible:outline-indigo-600",
                      active ? "bg-indigo-50 font-medium text-indigo-800" : "text-slate-700 hover:bg-slate-100 hover:text-slate-900",
                    )}
                  >
                    <Icon aria-hidden="true" className={cn("size-4", active ? "text-indigo-700" : "text-slate-500")} />
                    {item.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </nav>
  );
}
