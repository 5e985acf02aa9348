// What a tenant admin sets: where the model is, which model, its key, and the run limits. The base
// URL follows the webhooks' rules (server/webhooks/url-policy.ts): the worker calls it from inside
// the deployment's network, so https only (http on loopback), no credentials in it, no private or
// internal hosts.
import { z } from "zod";
import { AppError } from "../core/app-error";
import { checkWebhookUrl, loopbackAllowed } from "../webhooks/url-policy";

export const MODEL_LIMITS = {
  maxTurns: { min: 1, max: 200 },
  maxOutputTokens: { min: 16, max: 200_000 },
  timeoutMs: { min: 1_000, max: 600_000 },
} as const;

const bounded = (k: keyof typeof MODEL_LIMITS, what: string) =>
  z.number().int().min(MODEL_LIMITS[k].min).max(MODEL_LIMITS[k].max).optional()
    .describe(`${what}, ${MODEL_LIMITS[k].min}..${MODEL_LIMITS[k].max}; left out: unchanged (the default when first set)`);

// Printable ASCII without spaces: what an HTTP header (the key) or a JSON field (the model) takes safely.
const PRINTABLE = /^[\x21-\x7e]+$/;

export const ZSetModelEndpoint = z.object({
  baseUrl: z.string().trim().min(1, "say where the model endpoint is").max(2000)
    // Here too, not only in acceptedBaseUrl, so its problem is reported with the other fields'.
    .superRefine((v, c) => { const p = baseUrlProblem(v); if (p) c.addIssue({ code: "custom", message: p }); })
    .describe("OpenAI-compatible API base such as https://api.openai.com/v1 (https only; plain http only on loopback)"),
  model: z.string().trim().min(1, "name the model").max(200).regex(PRINTABLE, "a model name has no spaces or non-ASCII characters"),
  apiKey: z.string().trim().min(1, "an empty key is not allowed: leave the field out to keep the current key, or send clearKey: true to remove it")
    .max(4096).regex(PRINTABLE, "a key has no spaces, line breaks or non-ASCII characters").optional()
    .describe("the new API key, stored encrypted and never shown again; left out: the current key is kept"),
  clearKey: z.boolean().optional().describe("true: remove the stored key (for an endpoint that needs none)"),
  maxTurns: bounded("maxTurns", "model requests per run at most"),
  maxOutputTokens: bounded("maxOutputTokens", "sent as max_tokens with every request; with the request's size it bounds the worst-case cost reserved against the budgets"),
  timeoutMs: bounded("timeoutMs", "milliseconds one model request may take"),
}).strict();
export type SetModelEndpointInput = z.infer<typeof ZSetModelEndpoint>;

const invalid = (path: string, message: string) => new AppError("validation_failed", `invalid body: ${path} ${message}`, { issues: [{ path, message }] });

type BaseUrlCheck = { ok: true; url: string } | { ok: false; problem: string };

function checkBaseUrl(raw: string): BaseUrlCheck {
  const r = checkWebhookUrl(raw, { allowLoopback: loopbackAllowed() });
  if (!r.ok) return r;
  if (r.url.search) return { ok: false, problem: "must not contain a ?query; give the API's base path only" };
  return { ok: true, url: r.url.toString().replace(/\/+$/, "") };
}

function baseUrlProblem(raw: string): string | null {
  const r = checkBaseUrl(raw);
  return r.ok ? null : r.problem;
}

/** The base URL as stored (no trailing slash), or a 422 naming body.baseUrl. */
export function acceptedBaseUrl(raw: string): string {
  const r = checkBaseUrl(raw);
  if (!r.ok) throw invalid("body.baseUrl", r.problem);
  return r.url;
}

export function checkKeyChoice(input: SetModelEndpointInput): void {
  if (input.apiKey !== undefined && input.clearKey) throw invalid("body.clearKey", "send either a new apiKey or clearKey: true, not both");
}
