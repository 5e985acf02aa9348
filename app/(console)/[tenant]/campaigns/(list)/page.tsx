import { Plus } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { CampaignsList } from "@/components/campaigns/campaigns-list";
import { campaignApiQuery, campaignFilter } from "@/components/campaigns/list-filter";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/server/authz/authorize";
import { ZCampaignFilter } from "@/server/campaigns/campaign-input";
import { listCampaigns } from "@/server/campaigns/list-campaigns";
import { readContext } from "@/server/core/read-context";
import { pageScope } from "../../../_lib/page-scope";
import { toSearchParams, type SearchParams } from "../../../_lib/search-params";

export const metadata: Metadata = { title: "Campaigns" };

export default async function CampaignsPage({ params, searchParams }: { params: Promise<{ tenant: string }>; searchParams: Promise<SearchParams> }) {
  const { tenant } = await params;
  const { scope } = await pageScope(tenant, "campaign.read");
  const filter = campaignFilter.parse(toSearchParams(await searchParams));
  const parsed = ZCampaignFilter.safeParse(campaignApiQuery(filter));
  const data = parsed.success ? await listCampaigns(readContext(scope), parsed.data) : null;
  const canCreate = can(scope, "campaign.create");
  return (
    <>
      <PageHeader
        title="Campaigns"
        description="One change rolled out across many repositories in waves: a canary wave first, chosen for low risk and good verifiers, then the rest. Every target is decided by the policy; every run is admitted like any task."
        actions={canCreate ? (
          <Link href={`/${scope.tenant.slug}/campaigns/new`} className={buttonClass("primary")}>
            <Plus aria-hidden="true" className="size-4" />
            New campaign
          </Link>
        ) : null}
      />
      <CampaignsList tenant={scope.tenant.slug} canCreate={canCreate} initial={{ filter, data }} />
    </>
  );
}
