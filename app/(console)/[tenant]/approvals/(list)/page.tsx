import type { Metadata } from "next";
import { ApprovalsList } from "@/components/approvals/approvals-list";
import { approvalFilter, listApiQuery } from "@/components/approvals/list-filter";
import { PageHeader } from "@/components/ui/page-header";
import { ZApprovalFilter } from "@/server/approvals/approval-input";
import { listApprovals } from "@/server/approvals/list-approvals";
import { can } from "@/server/authz/authorize";
import { readContext } from "@/server/core/read-context";
import { pageScope } from "../../../_lib/page-scope";
import { toSearchParams, type SearchParams } from "../../../_lib/search-params";

export const metadata: Metadata = { title: "Approvals" };

export default async function ApprovalsPage({ params, searchParams }: { params: Promise<{ tenant: string }>; searchParams: Promise<SearchParams> }) {
  const { tenant } = await params;
  const { scope } = await pageScope(tenant, "approval.read");
  const canSeeAll = can(scope, "audit.read");
  const filter = approvalFilter.parse(toSearchParams(await searchParams), canSeeAll);
  const parsed = ZApprovalFilter.safeParse(listApiQuery(filter));
  const data = parsed.success ? await listApprovals(readContext(scope), parsed.data) : null;
  return (
    <>
      <PageHeader
        title="Approvals"
        description="Requests that need a person's decision before the work waiting on them goes on: what would happen, why, and who may decide."
      />
      <ApprovalsList tenant={scope.tenant.slug} canSeeAll={canSeeAll} initial={{ filter, data }} />
    </>
  );
}
