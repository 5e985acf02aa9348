import type { Metadata } from "next";
import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AuditEventDetail } from "@/components/audit/audit-event-detail";
import { auditFilter } from "@/components/audit/audit-query";
import { PageHeader } from "@/components/ui/page-header";
import { getAuditEvent } from "@/server/audit/get-event";
import { readContext } from "@/server/core/read-context";
import { AppError } from "@/server/core/app-error";
import { pageScope } from "../../../_lib/page-scope";
import { toSearchParams, type SearchParams } from "../../../_lib/search-params";

export const metadata: Metadata = { title: "Audit event" };

export default async function AuditEventPage({ params, searchParams }: { params: Promise<{ tenant: string; seq: string }>; searchParams: Promise<SearchParams> }) {
  const { tenant, seq } = await params;
  const { scope } = await pageScope(tenant, "audit.read");
  if (!/^[1-9]\d{0,14}$/.test(seq)) notFound();
  let event;
  try {
    event = await getAuditEvent(readContext(scope), Number(seq));
  } catch (e) {
    if (e instanceof AppError && e.code === "not_found") notFound();
    throw e;
  }
  // Back to the list exactly as it was filtered.
  const back = auditFilter.search(auditFilter.parse(toSearchParams(await searchParams)));
  return (
    <>
      <Link href={`/${scope.tenant.slug}/audit${back ? `?${back}` : ""}`} className="mb-3 inline-flex items-center gap-1 text-sm font-medium text-indigo-700 hover:underline">
        <ArrowLeft aria-hidden="true" className="size-4" />
        Back to audit log
      </Link>
      <PageHeader title={`Audit event #${event.seq}`} description={<code className="font-mono">{event.action}</code>} />
      <AuditEventDetail tenant={scope.tenant.slug} event={event} />
    </>
  );
}
