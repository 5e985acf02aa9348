import { Badge, type Tone } from "../ui/badge";

const TONES: Record<string, Tone> = { success: "green", allow: "green", deny: "red", failure: "red", require_approval: "amber" };

export function DecisionBadge({ decision }: { decision: string }) {
  return <Badge tone={TONES[decision] ?? "neutral"}>{decision.replaceAll("_", " ")}</Badge>;
}
