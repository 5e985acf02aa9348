import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { ProfileDialog } from "@/components/verifier-profiles/profile-dialog";
import { VerifierProfilesList } from "@/components/verifier-profiles/verifier-profiles-list";
import { can } from "@/server/authz/authorize";
import { readContext } from "@/server/core/read-context";
import { listVerifierProfiles } from "@/server/verifier-profiles/list-verifier-profiles";
import { pageScope } from "../../../_lib/page-scope";

export const metadata: Metadata = { title: "Verifier profiles" };

export default async function VerifierProfilesPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const { scope } = await pageScope(tenant, "verifier_profile.read");
  const data = await listVerifierProfiles(readContext(scope));
  const canManage = can(scope, "verifier_profile.manage");
  return (
    <>
      <PageHeader
        title="Verifier profiles"
        description="What “verified” means for a repository: commands run in the sandbox without network after the agent, each with its time limit. Each repository picks one."
        actions={canManage ? <ProfileDialog tenant={scope.tenant.slug} /> : null}
      />
      <VerifierProfilesList tenant={scope.tenant.slug} canManage={canManage} initial={data} />
    </>
  );
}
