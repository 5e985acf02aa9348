import type { RepositoryView } from "@/server/repositories/repository-view";
import { Badge, type Tone } from "../ui/badge";

export type RiskTier = RepositoryView["riskTier"];

export const TIER_TONE: Record<RiskTier, Tone> = {
  low: "green",
  standard: "sky",
  high: "amber",
  regulated: "violet",
  critical: "red",
};

const TIER_DOT: Record<RiskTier, string> = {
  low: "bg-emerald-500",
  standard: "bg-sky-500",
  high: "bg-amber-500",
  regulated: "bg-violet-500",
  critical: "bg-red-600",
};

/** The same colours as SVG fills (the overview's tier bar). */
export const TIER_FILL: Record<RiskTier, string> = {
  low: "fill-emerald-500",
  standard: "fill-sky-500",
  high: "fill-amber-500",
  regulated: "fill-violet-500",
  critical: "fill-red-600",
};

export function RiskTierBadge({ tier }: { tier: RiskTier }) {
  return (
    <Badge tone={TIER_TONE[tier]}>
      <span aria-hidden="true" className={`size-1.5 rounded-full ${TIER_DOT[tier]}`} />
      {tier}
    </Badge>
  );
}
