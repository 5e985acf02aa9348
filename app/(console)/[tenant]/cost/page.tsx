import type { Metadata } from "next";
import { CostDashboard } from "@/components/cost/cost-dashboard";
import { costApiQuery, costFilter } from "@/components/cost/cost-filter";
import { PageHeader } from "@/components/ui/page-header";
import { ZCampaignFilter } from "@/server/campaigns/campaign-input";
import { listCampaigns } from "@/server/campaigns/list-campaigns";
import { readContext } from "@/server/core/read-context";
import { ZCostFilter } from "@/server/cost/cost-filter";
import { getCostDashboard } from "@/server/cost/get-cost-dashboard";
import { listCostModels } from "@/server/cost/list-cost-models";
import { env } from "@/server/env";
import { listTeams } from "@/server/teams/list-teams";
import { pageScope } from "../../_lib/page-scope";
import { toSearchParams, type SearchParams } from "../../_lib/search-params";
import { loadRepositoryOptions } from "../runs/load-repository-options";

export const metadata: Metadata = { title: "Cost" };

export default async function CostPage({ params, searchParams }: { params: Promise<{ tenant: string }>; searchParams: Promise<SearchParams> }) {
  const { tenant } = await params;
  const { scope } = await pageScope(tenant, "cost.read");
  const filter = costFilter.parse(toSearchParams(await searchParams), undefined);
  const parsed = ZCostFilter.safeParse(costApiQuery(filter));
  const ctx = readContext(scope);
  const [data, repositories, teams, campaigns, models] = await Promise.all([
    parsed.success ? getCostDashboard(ctx, parsed.data) : null,
    loadRepositoryOptions(scope),
    listTeams(ctx),
    listCampaigns(ctx, ZCampaignFilter.parse({ limit: 100 })),
    listCostModels(ctx),
  ]);
  const options = {
    teams: teams.teams.map((t) => ({ value: t.slug, label: t.name })),
    repositories: repositories.map((r) => ({ value: r.id, label: r.fullName })),
    campaigns: campaigns.campaigns.map((c) => ({ value: c.id, label: c.name })),
    models: models.map((m) => ({ value: m, label: m })),
  };
  return (
    <>
      <PageHeader
        title="Cost"
        description={`What agents cost, in ${env().COST_CURRENCY}: spend over time by team, task class, campaign, repository and model; cost per run, per succeeded run and per merged pull request; the top spenders; and each budget's burn-down with the day it would run out.`}
      />
      <CostDashboard tenant={scope.tenant.slug} currency={env().COST_CURRENCY} options={options} initial={{ filter, data }} />
    </>
  );
}
