// The prices API's shapes as the browser sees them (types only: nothing from server/ runs here).
import type { CostSettingsView } from "@/server/cost/cost-settings-view";
import type { PriceListView, PriceSubjectView, PriceVersionView } from "@/server/cost/price-view";

export type { CostSettingsView, PriceListView, PriceSubjectView, PriceVersionView };

export const priceKeys = { all: (t: string) => ["tenant", t, "prices"] as const };

/** Mirrors server/cost/money.ts RESOURCES (labels only; the server decides). */
export const RESOURCE_LABELS: Record<string, string> = { sandbox_second: "Sandbox time, per second", verifier_minute: "Verifier time, per minute" };

export const subjectLabel = (s: Pick<PriceSubjectView, "kind" | "subject">) =>
  s.kind === "resource" ? RESOURCE_LABELS[s.subject] ?? s.subject : s.subject === "*" ? "Any other model (default)" : s.subject;
