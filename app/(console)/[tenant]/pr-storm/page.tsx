import type { Metadata } from "next";
import { PrStormDashboard } from "@/components/pr-storm/pr-storm-dashboard";
import { stormApiQuery, stormFilter } from "@/components/pr-storm/storm-filter";
import { PageHeader } from "@/components/ui/page-header";
import { ZCampaignFilter } from "@/server/campaigns/campaign-input";
import { listCampaigns } from "@/server/campaigns/list-campaigns";
import { readContext } from "@/server/core/read-context";
import { getPrStorm } from "@/server/pr-storm/get-pr-storm";
import { ZPrStormFilter } from "@/server/pr-storm/pr-storm-view";
import { listTeams } from "@/server/teams/list-teams";
import { pageScope } from "../../_lib/page-scope";
import { toSearchParams, type SearchParams } from "../../_lib/search-params";
import { loadRepositoryOptions } from "../runs/load-repository-options";

export const metadata: Metadata = { title: "PR storm" };

export default async function PrStormPage({ params, searchParams }: { params: Promise<{ tenant: string }>; searchParams: Promise<SearchParams> }) {
  const { tenant } = await params;
  const { scope } = await pageScope(tenant, "changeset.read");
  const filter = stormFilter.parse(toSearchParams(await searchParams), undefined);
  const parsed = ZPrStormFilter.safeParse(stormApiQuery(filter));
  const ctx = readContext(scope);
  const [data, repositories, teams, campaigns] = await Promise.all([
    parsed.success ? getPrStorm(ctx, parsed.data) : null,
    loadRepositoryOptions(scope),
    listTeams(ctx),
    listCampaigns(ctx, ZCampaignFilter.parse({ limit: 100 })),
  ]);
  const options = {
    teams: teams.teams.map((t) => ({ value: t.slug, label: t.name })),
    repositories: repositories.map((r) => ({ value: r.id, label: r.fullName })),
    campaigns: campaigns.campaigns.map((c) => ({ value: c.id, label: c.name })),
  };
  return (
    <>
      <PageHeader
        title="PR storm"
        description="Which team is drowning in agent pull requests, and why: each team's open PRs, review queue and held work, the creation rate against the budget, merges and closes, and stale PRs."
      />
      <PrStormDashboard tenant={scope.tenant.slug} options={options} initial={{ filter, data }} />
    </>
  );
}
