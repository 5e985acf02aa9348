"use client";

import { Activity, BookLock, CloudLightning, Coins, Waves, Bot, FileCheck2, ListChecks, GitFork, GitPullRequest, Inbox, Tags, Wallet, FolderGit2, OctagonX, KeyRound, LayoutDashboard, Users, UsersRound, Webhook, type LucideIcon } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useHydrated } from "../ui/time";
import { useApprovalCounts } from "../approvals/use-approval-counts";
import { cn } from "../ui/cn";
import type { NavIcon, NavItem } from "./nav-types";

const ICONS: Record<NavIcon, LucideIcon> = {
  overview: LayoutDashboard,
  runs: Activity,
  changes: GitPullRequest,
  campaigns: Waves,
  prstorm: CloudLightning,
  cost: Coins,
  killswitches: OctagonX,
  approvals: Inbox,
  repositories: FolderGit2,
  verifiers: ListChecks,
  teams: UsersRound,
  members: Users,
  tokens: KeyRound,
  webhooks: Webhook,
  model: Bot,
  github: GitFork,
  prices: Tags,
  budgets: Wallet,
  policies: FileCheck2,
  audit: BookLock,
};

/** The screens this person may open in this tenant (computed on the server). */
export function SideNav({ tenant, items }: { tenant: string; items: NavItem[] }) {
  const pathname = usePathname();
  const base = `/${tenant}`;
  const isActive = (href: string) => (href === "" ? pathname === base : pathname === base + href || pathname.startsWith(`${base}${href}/`));
  const groups = [...new Set(items.map((i) => i.group))];
  // The inbox count beside Approvals, polled; outside the link so the link's name stays "Approvals".
  const counts = useApprovalCounts(tenant, items.some((i) => i.badge === "approvals"));
  const hydrated = useHydrated();
  const badgeOf = (item: NavItem) => (hydrated && item.badge === "approvals" ? counts.data?.inbox ?? 0 : 0);
  return (
    <nav aria-label="Main" className="flex gap-4 overflow-x-auto px-3 py-2 md:flex-col md:gap-5 md:px-3 md:py-5">
      {groups.map((group) => (
        <div key={group} className="flex gap-1 md:flex-col">
          <p className="hidden px-2 pb-1 text-[11px] font-semibold tracking-wide text-slate-600 uppercase md:block">{group}</p>
          <ul className="flex gap-1 md:flex-col">
            {items.filter((i) => i.group === group).map((item) => {
              const Icon = ICONS[item.icon];
              const active = isActive(item.href);
              const count = badgeOf(item);
              const badgeId = `nav-badge-${item.icon}`;
              return (
                <li key={item.href} className="relative">
                  <Link
                    href={base + item.href}
                    aria-current={active ? "page" : undefined}
                    aria-describedby={count ? badgeId : undefined}
                    className={cn(
                      "flex items-center gap-2 rounded-md px-2 py-1.5 text-sm whitespace-nowrap",
                      count ? "pr-10" : undefined,
                      "focus-visible:outline-2 focus-visible:outline-indigo-600",
                      active ? "bg-indigo-50 font-medium text-indigo-800" : "text-slate-700 hover:bg-slate-100 hover:text-slate-900",
                    )}
                  >
                    <Icon aria-hidden="true" className={cn("size-4", active ? "text-indigo-700" : "text-slate-500")} />
                    {item.label}
                  </Link>
                  {count ? (
                    <span
                      id={badgeId}
                      data-testid={badgeId}
                      className="pointer-events-none absolute top-1/2 right-2 -translate-y-1/2 rounded-full bg-indigo-600 px-1.5 text-[11px] leading-5 font-semibold text-white tabular-nums"
                    >
                      {count > 99 ? "99+" : count}
                      <span className="sr-only"> waiting for you</span>
                    </span>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </nav>
  );
}
