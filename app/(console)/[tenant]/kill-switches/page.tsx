import type { Metadata } from "next";
import { KillSwitchPanel } from "@/components/kill-switches/kill-switch-panel";
import { switchFilter } from "@/components/kill-switches/labels";
import { SetSwitchDialog } from "@/components/kill-switches/set-switch-dialog";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/server/authz/authorize";
import { listCampaigns } from "@/server/campaigns/list-campaigns";
import { readContext } from "@/server/core/read-context";
import { listKillSwitches } from "@/server/kill-switches/list-kill-switches";
import { pageScope } from "../../_lib/page-scope";
import { toSearchParams, type SearchParams } from "../../_lib/search-params";
import { loadRepositoryOptions } from "../runs/load-repository-options";

export const metadata: Metadata = { title: "Kill switches" };

export default async function KillSwitchesPage({ params, searchParams }: { params: Promise<{ tenant: string }>; searchParams: Promise<SearchParams> }) {
  const { tenant } = await params;
  const { scope } = await pageScope(tenant, "killswitch.read");
  const filter = switchFilter.parse(toSearchParams(await searchParams));
  const canSet = can(scope, "killswitch.set");
  const canGlobal = can(scope, "killswitch.global");
  const [data, repositories, campaigns] = await Promise.all([
    listKillSwitches(readContext(scope), { state: filter.state, limit: 100 }),
    canSet ? loadRepositoryOptions(scope) : [],
    canSet ? listCampaigns(readContext(scope), { limit: 100 }).then((r) => r.campaigns.filter((c) => c.state !== "completed" && c.state !== "aborted")) : [],
  ]);
  return (
    <>
      <PageHeader
        title="Kill switches"
        description="Stop agents at once: new runs, running runs or pull requests, for a repository, a campaign, one capability, the whole tenant or (platform admins) every tenant. Every switch is audited."
        actions={canSet ? <SetSwitchDialog tenant={scope.tenant.slug} tenantName={scope.tenant.name} repositories={repositories} campaigns={campaigns.map((c) => ({ id: c.id, name: c.name, state: c.state }))} canGlobal={canGlobal} /> : null}
      />
      <KillSwitchPanel tenant={scope.tenant.slug} canSet={canSet} canGlobal={canGlobal} initial={{ filter, data }} />
    </>
  );
}
