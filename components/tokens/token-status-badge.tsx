import { Badge } from "../ui/badge";
import type { ApiTokenView } from "./types";

export function TokenStatusBadge({ status }: { status: ApiTokenView["status"] }) {
  const tone = status === "active" ? "green" : status === "revoked" ? "red" : "neutral";
  return <Badge tone={tone}>{status}</Badge>;
}
