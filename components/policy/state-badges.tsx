import { Hourglass } from "lucide-react";
import { Badge, type Tone } from "../ui/badge";
import type { PolicySummary } from "./types";

const TONE: Record<string, Tone> = { active: "green", shadow: "violet", draft: "sky", retired: "neutral" };

export function VersionStateBadge({ state }: { state: string }) {
  return <Badge tone={TONE[state] ?? "neutral"}>{state}</Badge>;
}

/** Where a document stands: active and shadow versions, a waiting activation, a newer draft. */
export function PolicyStateBadges({ doc }: { doc: Pick<PolicySummary, "active" | "shadow" | "pending" | "latest"> }) {
  const newerDraft = doc.latest.state === "draft" && doc.latest.number !== doc.active?.number;
  return (
    <span className="inline-flex flex-wrap gap-1">
      {doc.active ? <Badge tone="green">active v{doc.active.number}</Badge> : <Badge>no active version</Badge>}
      {doc.shadow ? <Badge tone="violet">shadow v{doc.shadow.number}</Badge> : null}
      {doc.pending ? (
        <Badge tone="amber"><Hourglass aria-hidden="true" className="size-3" />pending activation v{doc.pending.versionNumber}</Badge>
      ) : null}
      {newerDraft ? <Badge tone="sky">draft v{doc.latest.number}</Badge> : null}
    </span>
  );
}
