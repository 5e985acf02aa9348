import type { Metadata } from "next";
import { AuditTable } from "@/components/audit/audit-table";
import { auditApiQuery, auditFilter } from "@/components/audit/audit-query";
import { VerifyChain } from "@/components/audit/verify-chain-button";
import { PageHeader } from "@/components/ui/page-header";
import { ZAuditFilter } from "@/server/audit/audit-input";
import { listAuditEvents } from "@/server/audit/list-events";
import { can } from "@/server/authz/authorize";
import { readContext } from "@/server/core/read-context";
import { pageScope } from "../../../_lib/page-scope";
import { toSearchParams, type SearchParams } from "../../../_lib/search-params";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({ params, searchParams }: { params: Promise<{ tenant: string }>; searchParams: Promise<SearchParams> }) {
  const { tenant } = await params;
  const { scope } = await pageScope(tenant, "audit.read");
  const filter = auditFilter.parse(toSearchParams(await searchParams));
  // An invalid filter renders no rows here; the browser then asks the API, which names the bad field.
  const parsed = ZAuditFilter.safeParse(Object.fromEntries(Object.entries(auditApiQuery(filter)).filter(([, v]) => v !== undefined)));
  const data = parsed.success ? await listAuditEvents(readContext(scope), parsed.data) : null;
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change and every refused attempt in this tenant, newest first. Events are append-only and hash-chained."
      />
      {can(scope, "audit.verify") ? <VerifyChain tenant={scope.tenant.slug} /> : null}
      <AuditTable tenant={scope.tenant.slug} initial={{ filter, data }} />
    </>
  );
}
