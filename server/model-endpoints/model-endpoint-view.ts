// What the API and the console show of a tenant's model endpoint: never the key, only whether one
// is configured.
import { z } from "zod";
import type { ModelEndpoint } from "../db/generated/client";

export const ZModelEndpoint = z.object({
  baseUrl: z.string().describe("OpenAI-compatible API base; requests go to {baseUrl}/chat/completions"),
  model: z.string(),
  keyConfigured: z.boolean().describe("whether an API key is stored (it is never shown again)"),
  maxTurns: z.number().int().describe("model requests per run at most"),
  maxOutputTokens: z.number().int().describe("sent as max_tokens with every request (the spending limit itself is a run budget: Admin → Budgets)"),
  timeoutMs: z.number().int().describe("how long one model request may take"),
  updatedBy: z.string(),
  updatedAt: z.string(),
});
export type ModelEndpointView = z.infer<typeof ZModelEndpoint>;

export const ZModelEndpointAnswer = z.object({
  endpoint: ZModelEndpoint.nullable().describe("null: the tenant has no model endpoint, so model tasks are refused"),
});

export function modelEndpointView(row: ModelEndpoint): ModelEndpointView {
  return {
    baseUrl: row.baseUrl, model: row.model, keyConfigured: row.keySealed !== null,
    maxTurns: row.maxTurns, maxOutputTokens: row.maxOutputTokens, timeoutMs: row.timeoutMs,
    updatedBy: row.updatedByLabel, updatedAt: row.updatedAt.toISOString(),
  };
}
