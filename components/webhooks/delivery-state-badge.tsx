import { Badge } from "../ui/badge";

const TONES = { pending: "amber", delivered: "green", failed: "red" } as const;

export function DeliveryStateBadge({ state }: { state: "pending" | "delivered" | "failed" }) {
  return <Badge tone={TONES[state]}>{state}</Badge>;
}
