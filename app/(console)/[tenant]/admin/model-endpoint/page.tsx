import type { Metadata } from "next";
import { ModelEndpointSettings } from "@/components/model-endpoints/model-endpoint-settings";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/server/authz/authorize";
import { readContext } from "@/server/core/read-context";
import { getModelEndpoint } from "@/server/model-endpoints/get-model-endpoint";
import { pageScope } from "../../../_lib/page-scope";

export const metadata: Metadata = { title: "Model endpoint" };

export default async function ModelEndpointPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const { scope } = await pageScope(tenant, "model_endpoint.read");
  const data = await getModelEndpoint(readContext(scope));
  return (
    <>
      <PageHeader
        title="Model endpoint"
        description="The OpenAI-compatible chat-completions endpoint that model-driven agents in this tenant call, its key, and the limits of each run."
      />
      <ModelEndpointSettings tenant={scope.tenant.slug} canManage={can(scope, "model_endpoint.manage")} initial={data} />
    </>
  );
}
