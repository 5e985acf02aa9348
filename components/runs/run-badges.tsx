import { Badge } from "../ui/badge";
import { failureLabel, STATE_TONE, stateLabel } from "./labels";
import type { RunState } from "./types";

export function RunStateBadge({ state, cancelRequested }: { state: RunState; cancelRequested?: boolean }) {
  return (
    <Badge tone={STATE_TONE[state] ?? "neutral"}>
      {stateLabel(state)}
      {cancelRequested && (state === "preparing" || state === "running" || state === "verifying") ? " · stopping" : null}
    </Badge>
  );
}

export function FailureBadge({ failureClass }: { failureClass: string | null }) {
  if (!failureClass || failureClass === "cancelled") return null;
  return <Badge tone="red">{failureLabel(failureClass)}</Badge>;
}
