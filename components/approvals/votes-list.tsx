import { Check, X } from "lucide-react";
import { cn } from "../ui/cn";
import { formatDateTime } from "../ui/format";
import { roleLabel } from "./labels";
import type { ApprovalDetail } from "./types";

export function VotesList({ votes }: { votes: ApprovalDetail["votes"] }) {
  if (votes.length === 0) return <p className="text-sm text-slate-600">No votes yet.</p>;
  return (
    <ol aria-label="Votes in order" className="space-y-2">
      {votes.map((v, i) => (
        <li key={i} className={cn("rounded-md border px-3 py-2 text-sm", v.vote === "approve" ? "border-emerald-200 bg-emerald-50/60" : "border-red-200 bg-red-50/60")}>
          <div className="flex flex-wrap items-center gap-x-2 gap-y-0.5">
            {v.vote === "approve" ? <Check aria-hidden="true" className="size-4 text-emerald-700" /> : <X aria-hidden="true" className="size-4 text-red-700" />}
            <span className="font-medium text-slate-900">{v.voterLabel}</span>
            <span className={cn("font-medium", v.vote === "approve" ? "text-emerald-800" : "text-red-800")}>{v.vote === "approve" ? "approved" : "denied"}</span>
            <span className="text-xs text-slate-600">{formatDateTime(v.createdAt)}</span>
            <span className="text-xs text-slate-600">as {[...v.roles.map(roleLabel), ...v.teams.map((t) => `team ${t}`)].join(", ") || "—"}</span>
          </div>
          {v.reason ? <p className="mt-1 pl-6 break-words text-slate-800"><q>{v.reason}</q></p> : <p className="mt-1 pl-6 text-xs text-slate-600">No reason given.</p>}
        </li>
      ))}
    </ol>
  );
}
