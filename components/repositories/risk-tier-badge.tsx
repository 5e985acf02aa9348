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

export const TIER_DOT: Record<RiskTier, string> = {
  low: "bg-emerald-500",
  standard: "bg-sky-500",
  high: "bg-amber-500",
  regulated: "bg-violet-500",
  critical: "bg-red-600",
};

export function RiskTierBadge({ tier }: { tier: RiskTier }) {
  return (
    <Badge tone={TIER_TONE[tier]}>
      <span aria-hidden="true" className={`size-1.5 rounded-full ${TIER_DOT[tier]}`} />
      {tier}
    </Badge>
  );
}
