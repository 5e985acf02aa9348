import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { Badge } from "../ui/badge";
import { formatDateTime } from "../ui/format";
import { PolicyStateBadges } from "./state-badges";
import type { PolicySummary } from "./types";

/** The policy's name, level and target, where it stands, and who changed it last. */
export function PolicyHeader({ tenant, doc, refreshing }: { tenant: string; doc: PolicySummary; refreshing?: boolean }) {
  return (
    <div className="mb-4">
      <Link href={`/${tenant}/policies`} className="mb-3 inline-flex items-center gap-1 text-sm font-medium text-indigo-700 hover:underline">
        <ArrowLeft aria-hidden="true" className="size-4" />
        All policies
      </Link>
      <div className="flex flex-wrap items-center gap-2">
        <h1 className="font-mono text-xl font-semibold tracking-tight text-slate-900">{doc.name}</h1>
        <Badge tone="indigo">{doc.level}{doc.target ? `: ${doc.target}` : ""}</Badge>
        {doc.scope === "platform" ? <Badge>platform-wide</Badge> : null}
        <PolicyStateBadges doc={doc} />
      </div>
      <p className="mt-1 text-sm text-slate-600">
        Latest: version {doc.latest.number} ({doc.latest.state}) by {doc.latest.authorLabel}, {formatDateTime(doc.latest.createdAt)}
        {refreshing ? <span className="ml-2 text-xs">· refreshing…</span> : null}
      </p>
    </div>
  );
}
