import { Badge } from "../ui/badge";
import { kindLabel, RISK_TONE, STATE_TONE } from "./labels";
import type { ApprovalState, Risk } from "./types";

export function RiskBadge({ risk }: { risk: Risk }) {
  return <Badge tone={RISK_TONE[risk]} className={risk === "critical" ? "font-semibold uppercase" : undefined}>{risk} risk</Badge>;
}

export function StateBadge({ state }: { state: ApprovalState }) {
  return <Badge tone={STATE_TONE[state]}>{state}</Badge>;
}

export function KindBadge({ kind }: { kind: string }) {
  return <Badge tone="indigo">{kindLabel(kind)}</Badge>;
}
