import { ArrowLeft } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { CampaignForm } from "@/components/campaigns/campaign-form";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/server/authz/authorize";
import { readContext } from "@/server/core/read-context";
import { listTeams } from "@/server/teams/list-teams";
import { listVerifierProfiles } from "@/server/verifier-profiles/list-verifier-profiles";
import { pageScope } from "../../../_lib/page-scope";

export const metadata: Metadata = { title: "New campaign" };

export default async function NewCampaignPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const { scope } = await pageScope(tenant, "campaign.create");
  const { teams } = await listTeams(readContext(scope));
  const { profiles } = await listVerifierProfiles(readContext(scope));
  return (
    <>
      <Link href={`/${scope.tenant.slug}/campaigns`} className="mb-3 inline-flex items-center gap-1 text-sm font-medium text-indigo-700 hover:underline">
        <ArrowLeft aria-hidden="true" className="size-4" />
        Campaigns
      </Link>
      <PageHeader
        title="New campaign"
        description="Describe one change and where it goes. Preview shows every target the policy lets in or keeps out (with the rule), the canaries and why, the waves, and the pull requests each team should expect per day. Nothing is saved until you save or launch."
      />
      <CampaignForm tenant={scope.tenant.slug} teams={teams.map((t) => ({ slug: t.slug, name: t.name }))} profiles={profiles.map((p) => p.name)} canLaunch={can(scope, "campaign.manage")} />
    </>
  );
}
