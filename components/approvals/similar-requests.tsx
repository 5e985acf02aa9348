import Link from "next/link";
import { formatDateTime } from "../ui/format";
import { StateBadge } from "./badges";
import type { ApprovalDetail } from "./types";

/** The last requests of the same kind for the same subject context (a policy, a repository, a campaign). */
export function SimilarRequests({ tenant, detail }: { tenant: string; detail: ApprovalDetail }) {
  if (!detail.contextKey) return <p className="text-sm text-slate-600">This request names no repository, campaign or policy to compare with.</p>;
  if (detail.similar.length === 0) return <p className="text-sm text-slate-600">No earlier request of this kind for the same {detail.contextKey.split(":")[0]}.</p>;
  return (
    <ul aria-label="Similar requests, newest first" className="divide-y divide-slate-100">
      {detail.similar.map((s) => (
        <li key={s.id} className="flex flex-wrap items-start justify-between gap-x-3 gap-y-1 py-2 text-sm">
          <div className="min-w-0">
            <Link href={`/${tenant}/approvals/${s.id}`} className="font-medium text-indigo-700 hover:underline">{s.title}</Link>
            <p className="text-xs text-slate-600">{s.requesterLabel} · {formatDateTime(s.createdAt)}</p>
            {s.outcomeReason ? <p className="text-xs break-words text-slate-700">{s.outcomeReason}</p> : null}
          </div>
          <StateBadge state={s.state} />
        </li>
      ))}
    </ul>
  );
}
