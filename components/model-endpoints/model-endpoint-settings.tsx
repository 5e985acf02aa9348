"use client";

import { useQuery } from "@tanstack/react-query";
import { api, tenantPath } from "../api/api-client";
import { errorMessage } from "../api/api-error";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { Card, CardHeader } from "../ui/card";
import { DangerAction } from "../ui/danger-action";
import { EmptyState } from "../ui/empty-state";
import { formatDateTime } from "../ui/format";
import { ModelEndpointForm } from "./model-endpoint-form";
import { modelEndpointKeys, type ModelEndpointAnswer, type ModelEndpointView } from "./types";

export function ModelEndpointSettings({ tenant, canManage, initial }: { tenant: string; canManage: boolean; initial: ModelEndpointAnswer }) {
  const query = useQuery({
    queryKey: modelEndpointKeys.detail(tenant),
    queryFn: ({ signal }) => api<ModelEndpointAnswer>(tenantPath(tenant, "model-endpoint"), { signal }),
    initialData: initial,
  });
  const endpoint = query.data.endpoint;
  return (
    <div className="space-y-6">
      {query.isError ? <Alert tone="error" title="The model endpoint could not be refreshed">{errorMessage(query.error)}</Alert> : null}
      <Card>
        <CardHeader
          title="Current endpoint"
          description="Model tasks in this tenant run against it, within these limits."
          actions={endpoint && canManage ? (
            <DangerAction
              label="Remove" subject="model endpoint" title="Remove the model endpoint?"
              description="Its key is deleted. Model tasks are refused until an endpoint is set again; runs already started keep going."
              confirmLabel="Remove endpoint" path={tenantPath(tenant, "model-endpoint")}
              invalidates={[modelEndpointKeys.detail(tenant)]} notice={() => "Model endpoint removed"}
            />
          ) : null}
        />
        {endpoint ? <EndpointDetails endpoint={endpoint} /> : (
          <EmptyState title="No model endpoint yet">
            {canManage ? "Set one below to let people start model-driven tasks here. Until then only recipe tasks run." : "A tenant admin can set one. Until then only recipe tasks run."}
          </EmptyState>
        )}
      </Card>
      {canManage ? (
        <Card className="p-4">
          {/* Keyed by the saved state, so the form starts again from what the server holds. */}
          <ModelEndpointForm key={endpoint?.updatedAt ?? "none"} tenant={tenant} current={endpoint} />
        </Card>
      ) : null}
    </div>
  );
}

function EndpointDetails({ endpoint: e }: { endpoint: ModelEndpointView }) {
  return (
    <div className="space-y-3 px-4 py-4">
      <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2 lg:grid-cols-3">
        <div className="sm:col-span-2"><dt className="text-xs text-slate-600">Base URL</dt><dd className="mt-0.5 font-mono text-sm break-all text-slate-900">{e.baseUrl}</dd></div>
        <div><dt className="text-xs text-slate-600">Model</dt><dd className="mt-0.5 font-mono text-sm text-slate-900">{e.model}</dd></div>
        <div>
          <dt className="text-xs text-slate-600">API key</dt>
          <dd className="mt-0.5" data-testid="model-key-state">{e.keyConfigured ? <Badge tone="green">configured</Badge> : <Badge>not set</Badge>}</dd>
        </div>
        <div><dt className="text-xs text-slate-600">Turns per run</dt><dd className="mt-0.5 tabular-nums">{e.maxTurns.toLocaleString("en-US")}</dd></div>
        <div><dt className="text-xs text-slate-600">Max output tokens per request</dt><dd className="mt-0.5 tabular-nums">{e.maxOutputTokens.toLocaleString("en-US")}</dd></div>
        <div><dt className="text-xs text-slate-600">Request timeout</dt><dd className="mt-0.5 tabular-nums">{(e.timeoutMs / 1000).toLocaleString("en-US")} s</dd></div>
      </dl>
      <p className="text-xs text-slate-500">Changed {formatDateTime(e.updatedAt)} by {e.updatedBy}</p>
    </div>
  );
}
