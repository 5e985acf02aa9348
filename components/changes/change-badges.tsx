import { Badge } from "../ui/badge";
import { changesetStateHint, changesetStateLabel, changesetStateTone, checksLabel, checksTone, formatScore, reviewLabel, reviewTone, RISK_TONE, riskLevelLabel } from "./labels";
import type { RiskLevel } from "./types";

export function ChangesetStateBadge({ state }: { state: string }) {
  return <span title={changesetStateHint(state)}><Badge tone={changesetStateTone(state)}>{changesetStateLabel(state)}</Badge></span>;
}

export function ReviewBadge({ state }: { state: string }) {
  return <Badge tone={reviewTone(state)}>{reviewLabel(state)}</Badge>;
}

export function ChecksBadge({ state }: { state: string }) {
  return <Badge tone={checksTone(state)}>{checksLabel(state)}</Badge>;
}

/** The score and its level in the level's colour; the level in words too, never by colour alone. */
export function RiskBadge({ score, level }: { score: number; level: RiskLevel }) {
  return (
    <Badge tone={RISK_TONE[level]}>
      <span className="tabular-nums">{formatScore(score)}</span>
      <span>{riskLevelLabel(level).toLowerCase()}</span>
      <span className="sr-only"> risk</span>
    </Badge>
  );
}
