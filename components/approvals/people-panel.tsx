import { Check, X } from "lucide-react";
import { formatDateTime } from "../ui/format";
import { roleLabel } from "./labels";
import type { ApprovalDetail } from "./types";

/** Who asked, who wrote the thing, and everyone who may decide (with what they did so far). */
export function PeoplePanel({ detail }: { detail: ApprovalDetail }) {
  return (
    <div className="space-y-4 text-sm">
      <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1.5">
        <dt className="text-slate-600">Asked by</dt>
        <dd className="min-w-0 break-words text-slate-900">
          <span className="font-medium">{detail.requesterLabel}</span>
          <span className="block text-xs text-slate-600">{formatDateTime(detail.createdAt)}</span>
        </dd>
        <dt className="text-slate-600">Written by</dt>
        <dd className="min-w-0 break-words text-slate-900">{detail.subjectAuthorLabel ? <span className="font-medium">{detail.subjectAuthorLabel}</span> : <span className="text-slate-600">not recorded</span>}</dd>
      </dl>
      <div>
        <h3 className="text-xs font-semibold tracking-wide text-slate-600 uppercase">Who may decide</h3>
        <p className="mt-0.5 text-xs text-slate-600">The requester and the author never may.</p>
        {detail.eligible.length === 0 ? (
          <p className="mt-1.5 rounded border border-amber-300 bg-amber-50 px-2 py-1.5 text-xs text-amber-950">
            Nobody here holds what the rule asks for: no one can approve this request until someone is given the role or joins the team.
          </p>
        ) : (
          <ul aria-label="People who may decide" className="mt-1.5 divide-y divide-slate-100 rounded border border-slate-200">
            {detail.eligible.map((p) => (
              <li key={p.email} className="flex items-start justify-between gap-2 px-2 py-1.5">
                <div className="min-w-0">
                  <p className="truncate font-medium text-slate-900" title={p.email}>{p.name}</p>
                  <p className="truncate text-xs text-slate-600">{p.email}</p>
                  <p className="text-xs text-slate-600">{[...p.roles.map(roleLabel), ...p.teams.map((t) => `team ${t}`)].join(", ")}</p>
                </div>
                {p.voted === "approve" ? (
                  <span className="inline-flex shrink-0 items-center gap-0.5 text-xs font-medium text-emerald-800"><Check aria-hidden="true" className="size-3.5" />approved</span>
                ) : p.voted === "deny" ? (
                  <span className="inline-flex shrink-0 items-center gap-0.5 text-xs font-medium text-red-700"><X aria-hidden="true" className="size-3.5" />denied</span>
                ) : (
                  <span className="shrink-0 text-xs text-slate-600">not yet</span>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
