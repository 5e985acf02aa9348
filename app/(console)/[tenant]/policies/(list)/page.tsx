import type { Metadata } from "next";
import Link from "next/link";
import { Plus } from "lucide-react";
import { PolicyList } from "@/components/policy/policy-list";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/server/authz/authorize";
import { readContext } from "@/server/core/read-context";
import { listPolicyDocuments } from "@/server/policy/list-policy-documents";
import { pageScope } from "../../../_lib/page-scope";

export const metadata: Metadata = { title: "Policies" };

export default async function PoliciesPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const { scope } = await pageScope(tenant, "policy.read");
  const documents = await listPolicyDocuments(readContext(scope));
  const canCreate = can(scope, "policy.edit");
  return (
    <>
      <PageHeader
        title="Policies"
        description="What agents may do here, as versioned data: platform policies every tenant inherits, and this tenant's own, which may only restrict them."
        actions={
          canCreate ? (
            <Link href={`/${scope.tenant.slug}/policies/new`} className={buttonClass("primary")}>
              <Plus aria-hidden="true" className="size-4" />
              New policy
            </Link>
          ) : null
        }
      />
      <PolicyList tenant={scope.tenant.slug} initial={documents} canCreate={canCreate} />
    </>
  );
}
