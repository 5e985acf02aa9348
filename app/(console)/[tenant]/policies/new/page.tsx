import type { Metadata } from "next";
import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { PolicyEditor } from "@/components/policy/policy-editor";
import { NEW_POLICY, NEW_TESTS } from "@/components/policy/policy-template";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/server/authz/authorize";
import { actorLabel } from "@/server/authz/scope";
import { pageScope } from "../../../_lib/page-scope";

export const metadata: Metadata = { title: "New policy" };

export default async function NewPolicyPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const { scope } = await pageScope(tenant, "policy.edit");
  const rights = { edit: true, publish: can(scope, "policy.publish"), me: actorLabel(scope.actor) };
  return (
    <>
      <Link href={`/${scope.tenant.slug}/policies`} className="mb-3 inline-flex items-center gap-1 text-sm font-medium text-indigo-700 hover:underline">
        <ArrowLeft aria-hidden="true" className="size-4" />
        All policies
      </Link>
      <PageHeader
        title="New policy"
        description="Start from this example. The name and level in metadata are fixed once created; the first save creates a draft, which is not enforced."
      />
      <PolicyEditor tenant={scope.tenant.slug} rights={rights} doc={null} base={{ number: 0, content: NEW_POLICY, tests: NEW_TESTS }} />
    </>
  );
}
