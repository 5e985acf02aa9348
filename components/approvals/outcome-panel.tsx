import { CheckCircle2, CircleSlash, Hourglass, LoaderCircle, XCircle } from "lucide-react";
import { cn } from "../ui/cn";
import { formatDateTime } from "../ui/format";
import type { ApprovalDetail } from "./types";

const LOOK = {
  approved: { icon: CheckCircle2, box: "border-emerald-300 bg-emerald-50", text: "text-emerald-950", title: "Approved" },
  denied: { icon: XCircle, box: "border-red-300 bg-red-50", text: "text-red-950", title: "Denied" },
  expired: { icon: Hourglass, box: "border-slate-300 bg-slate-50", text: "text-slate-900", title: "Expired" },
  cancelled: { icon: CircleSlash, box: "border-slate-300 bg-slate-50", text: "text-slate-900", title: "Withdrawn" },
} as const;

/** A decided request: the outcome, why, and what the worker did with the waiting work. */
export function OutcomePanel({ detail }: { detail: ApprovalDetail }) {
  if (detail.state === "pending") return null;
  const look = LOOK[detail.state];
  const Icon = look.icon;
  const failed = detail.applyResult?.startsWith("could not apply");
  return (
    <section aria-labelledby="outcome-heading" className={cn("rounded-lg border-2 px-4 py-3", look.box)}>
      <div className="flex gap-2">
        <Icon aria-hidden="true" className={cn("mt-0.5 size-5 shrink-0", look.text)} />
        <div className={cn("min-w-0 text-sm", look.text)}>
          <h2 id="outcome-heading" className="font-semibold">
            {look.title}
            <span className="font-normal"> · {formatDateTime(detail.decidedAt)}</span>
          </h2>
          {detail.outcomeReason ? <p className="mt-0.5 break-words">{`${detail.outcomeReason[0]!.toUpperCase()}${detail.outcomeReason.slice(1)}`}.</p> : null}
          <div role="status" className="mt-2">
            {detail.appliedAt ? (
              <p className={cn("break-words", failed ? "font-medium text-red-800" : undefined)}>
                <span className="font-medium">Applied {formatDateTime(detail.appliedAt, true)}:</span> {detail.applyResult}
              </p>
            ) : (
              <p className="inline-flex items-center gap-1.5">
                <LoaderCircle aria-hidden="true" className="size-4 animate-spin" />
                Waiting for the worker to {detail.state === "approved" ? "carry it out" : "release the waiting work"}…
              </p>
            )}
          </div>
        </div>
      </div>
    </section>
  );
}
