import type { Metadata } from "next";
import { Suspense } from "react";
import { StatCard } from "@/components/overview/stat-card";
import { TierBreakdown } from "@/components/overview/tier-breakdown";
import { YourAccess, type AccessGroup } from "@/components/overview/your-access";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { PERMISSION_NAMES, PERMISSIONS } from "@/server/authz/permissions";
import { ROLE_INFO } from "@/server/authz/roles";
import type { Scope } from "@/server/authz/scope";
import { readContext } from "@/server/core/read-context";
import { tenantOverview } from "@/server/tenants/tenant-overview";
import { pageScope } from "../_lib/page-scope";

export const metadata: Metadata = { title: "Overview" };

const RESOURCE_LABEL: Record<string, string> = {
  tenant: "Tenant", member: "Members", team: "Teams", repository: "Repositories", token: "API tokens", audit: "Audit trail",
  run: "Agent runs", approval: "Approvals", policy: "Policies", campaign: "Campaigns", killswitch: "Kill switches",
};

function accessGroups(scope: Scope): AccessGroup[] {
  const groups = new Map<string, AccessGroup>();
  for (const name of PERMISSION_NAMES) {
    if (!scope.permissions.has(name)) continue;
    const resource = name.split(".")[0]!;
    const label = RESOURCE_LABEL[resource] ?? resource;
    const g = groups.get(label) ?? { resource: label, permissions: [] };
    g.permissions.push({ name, description: PERMISSIONS[name].description });
    groups.set(label, g);
  }
  return [...groups.values()];
}

async function Counts({ scope }: { scope: Scope }) {
  const { repositoriesByTier: counts, teams, members, injectionSignals: signals } = await tenantOverview(readContext(scope));
  const repos = counts.reduce((n, c) => n + c.count, 0);
  const base = `/${scope.tenant.slug}`;
  return (
    <div className="space-y-4">
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <StatCard label="Repositories" value={repos} href={`${base}/admin/repositories`} />
        <StatCard label="Teams" value={teams} href={`${base}/admin/teams`} />
        {members !== null ? <StatCard label="Members" value={members} href={`${base}/admin/members`} /> : null}
        {signals !== null ? (
          <StatCard label="Prompt-injection signals, last 30 days" value={signals} href={`${base}/runs?view=all`}>
            <p className="mt-0.5 text-xs text-slate-600">instructions addressed to the agent in tool output, treated as data</p>
          </StatCard>
        ) : null}
      </div>
      <TierBreakdown tenant={scope.tenant.slug} counts={counts} />
    </div>
  );
}

function CountsSkeleton() {
  return (
    <div role="status" aria-label="Loading counts" className="space-y-4">
      <div className="grid gap-3 sm:grid-cols-3">
        {[0, 1, 2].map((i) => <Skeleton key={i} className="h-[74px] rounded-lg" />)}
      </div>
      <Skeleton className="h-40 rounded-lg" />
    </div>
  );
}

export default async function OverviewPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const { scope } = await pageScope(tenant);
  return (
    <>
      <PageHeader title={scope.tenant.name} description={<>Tenant <code className="font-mono text-xs">{scope.tenant.slug}</code> · what Fleetgate governs here and what you may do.</>} />
      <div className="space-y-6">
        <Suspense fallback={<CountsSkeleton />}>
          <Counts scope={scope} />
        </Suspense>
        <YourAccess roles={scope.roles.map((r) => ROLE_INFO[r])} groups={accessGroups(scope)} />
      </div>
    </>
  );
}
