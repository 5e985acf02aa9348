import { Badge } from "../ui/badge";
import { changesetStateHint, changesetStateLabel, changesetStateTone, checksLabel, checksTone, formatScore, healthHint, healthLabel, healthTone, reviewLabel, reviewTone, RISK_TONE, riskLevelLabel } from "./labels";
import type { RiskLevel } from "./types";

export function ChangesetStateBadge({ state }: { state: string }) {
  return <span title={changesetStateHint(state)}><Badge tone={changesetStateTone(state)}>{changesetStateLabel(state)}</Badge></span>;
}

export function ReviewBadge({ state }: { state: string }) {
  return <Badge tone={reviewTone(state)}>{reviewLabel(state)}</Badge>;
}

/** withWord: "Checks passing" where no column header says what "Passing" is about. */
export function ChecksBadge({ state, withWord }: { state: string; withWord?: boolean }) {
  const label = checksLabel(state);
  return <Badge tone={checksTone(state)}>{withWord && state !== "none" ? `Checks ${label.toLowerCase()}` : label}</Badge>;
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

/** A merged changeset's post-merge health, named in words with its meaning as a hint. */
export function HealthBadge({ state }: { state: string }) {
  return <span title={healthHint(state)} data-testid="health-badge" data-health={state}><Badge tone={healthTone(state)}>{healthLabel(state)}</Badge></span>;
}
