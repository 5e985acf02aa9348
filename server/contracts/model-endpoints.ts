import { z } from "zod";
import { defineRoute, ZTenantParam } from "../http/define-route";
import { ZSetModelEndpoint } from "../model-endpoints/model-endpoint-input";
import { ZModelEndpoint, ZModelEndpointAnswer } from "../model-endpoints/model-endpoint-view";

const tenantParams = z.object({ tenant: ZTenantParam });

export const getModelEndpointRoute = defineRoute({
  id: "model_endpoint.get", method: "GET", path: "/api/v1/tenants/{tenant}/model-endpoint", tag: "model-endpoints",
  summary: "The tenant's model endpoint for model-driven runs (never its key: only whether one is set); endpoint is null when none is configured",
  permission: "model_endpoint.read", params: tenantParams, response: ZModelEndpointAnswer,
});

export const setModelEndpointRoute = defineRoute({
  id: "model_endpoint.set", method: "PUT", path: "/api/v1/tenants/{tenant}/model-endpoint", tag: "model-endpoints",
  summary: "Set the tenant's OpenAI-compatible model endpoint, model, key and run limits. The key is stored encrypted and never shown again; leave it out to keep the current one, or send clearKey: true to remove it",
  permission: "model_endpoint.manage", params: tenantParams, body: ZSetModelEndpoint, response: z.object({ endpoint: ZModelEndpoint }),
  example: { body: { baseUrl: "https://models.example.test/v1", model: "gpt-4o-mini", apiKey: "sk-example-{unique}", maxTurns: 40, maxOutputTokens: 4096, timeoutMs: 60000 } },
});

export const deleteModelEndpointRoute = defineRoute({
  id: "model_endpoint.delete", method: "DELETE", path: "/api/v1/tenants/{tenant}/model-endpoint", tag: "model-endpoints",
  summary: "Remove the tenant's model endpoint and its key (new model tasks are refused until one is set again); answers the same when none is set",
  permission: "model_endpoint.manage", params: tenantParams, response: z.object({ endpoint: z.null(), removed: z.boolean() }),
});
