// The model endpoint API's shapes as the browser sees them (types only: nothing from server/ runs here).
import type { ModelEndpointView } from "@/server/model-endpoints/model-endpoint-view";

export type { ModelEndpointView };
export type ModelEndpointAnswer = { endpoint: ModelEndpointView | null };

export const modelEndpointKeys = {
  detail: (t: string) => ["tenant", t, "model-endpoint"] as const,
};

/** Mirrors server/model-endpoints/model-endpoint-input.ts MODEL_LIMITS (shown as hints; the server decides). */
export const LIMITS = {
  maxTurns: { min: 1, max: 200, default: 40 },
  maxOutputTokens: { min: 16, max: 200_000, default: 4_096 },
  timeoutMs: { min: 1_000, max: 600_000, default: 60_000 },
} as const;
