"use client";

import { ChevronDown, ChevronRight } from "lucide-react";
import { useState } from "react";
import { Badge, type Tone } from "../ui/badge";
import { Button } from "../ui/button";
import { formatDateTime } from "../ui/format";
import { Td, Tr } from "../ui/table";
import { AddPriceDialog } from "./add-price-dialog";
import { subjectLabel, type PriceSubjectView, type PriceVersionView } from "./types";

const STANDING: Record<PriceVersionView["standing"], { label: string; tone: Tone }> = {
  in_force: { label: "In force", tone: "green" },
  scheduled: { label: "Scheduled", tone: "sky" },
  superseded: { label: "Superseded", tone: "neutral" },
  overridden: { label: "Overridden by this tenant's", tone: "amber" },
};

export const ScopeBadge = ({ v }: { v: Pick<PriceVersionView, "scope"> }) =>
  v.scope === "platform" ? <Badge tone="violet">Platform</Badge> : <Badge tone="indigo">This tenant</Badge>;

const dash = <span className="text-slate-500">—</span>;

/** The amounts of a version as table cells: three token prices, or one unit price across them. */
function Amounts({ v }: { v: PriceVersionView | null }) {
  if (!v) return <Td colSpan={3} className="text-right text-slate-600">No price in force</Td>;
  if (v.kind === "resource") return <Td colSpan={3} className="text-right tabular-nums">{v.text.unit}</Td>;
  return (
    <>
      <Td className="text-right tabular-nums">{v.text.input ?? dash}</Td>
      <Td className="text-right tabular-nums">{v.text.output ?? dash}</Td>
      <Td className="text-right tabular-nums">{v.text.cached ?? dash}</Td>
    </>
  );
}

/**
 * One subject: the version this tenant pays now, and its history on demand. A tenant admin adds the
 * tenant's own version (over the platform's); platform versions are a platform admin's.
 */
export function PriceRow({ tenant, subject: s, currency, canManage, canPlatform }: { tenant: string; subject: PriceSubjectView; currency: string; canManage: boolean; canPlatform: boolean }) {
  const [open, setOpen] = useState(false);
  const v = s.inForce;
  const scheduled = s.versions.filter((x) => x.standing === "scheduled").length;
  const historyId = `price-history-${s.kind}-${s.subject}`.replace(/[^A-Za-z0-9_-]/g, "_");
  return (
    <>
      <Tr>
        <Td>
          <div className={s.kind === "model" && s.subject !== "*" ? "font-mono text-xs text-slate-900" : "font-medium text-slate-900"}>{subjectLabel(s)}</div>
          {scheduled ? <div className="mt-0.5 text-xs text-sky-800">{scheduled} scheduled</div> : null}
        </Td>
        <Td className="whitespace-nowrap">{v ? <span className="flex items-center gap-1.5"><ScopeBadge v={v} /><span className="text-xs text-slate-600">v{v.version}</span></span> : dash}</Td>
        <Amounts v={v} />
        <Td className="text-xs whitespace-nowrap text-slate-700">{v ? formatDateTime(v.effectiveFrom) : dash}</Td>
        <Td className="text-right whitespace-nowrap">
          <Button variant="ghost" size="sm" aria-expanded={open} aria-controls={open ? historyId : undefined} onClick={() => setOpen(!open)}>
            {open ? <ChevronDown aria-hidden="true" className="size-3.5" /> : <ChevronRight aria-hidden="true" className="size-3.5" />}
            History ({s.versions.length})<span className="sr-only"> of {subjectLabel(s)}</span>
          </Button>
          {canManage ? <AddPriceDialog tenant={tenant} currency={currency} canPlatform={canPlatform} subject={s} /> : null}
        </Td>
      </Tr>
      {open ? (
        <tr id={historyId} className="bg-slate-50/60">
          <td colSpan={7} className="px-4 py-3">
            <ol className="space-y-1.5" aria-label={`Versions of ${subjectLabel(s)}, newest first`}>
              {s.versions.map((x) => (
                <li key={x.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-700">
                  <ScopeBadge v={x} />
                  <span className="font-medium text-slate-900">v{x.version}</span>
                  <Badge tone={STANDING[x.standing].tone}>{STANDING[x.standing].label}</Badge>
                  <span className="tabular-nums">
                    {x.kind === "model" ? `in ${x.text.input} · out ${x.text.output} · cached ${x.text.cached}` : x.text.unit}
                  </span>
                  <span>from {formatDateTime(x.effectiveFrom)}</span>
                  <span className="text-slate-600">by {x.createdByLabel}</span>
                  {x.note ? <span className="text-slate-600">“{x.note}”</span> : null}
                </li>
              ))}
            </ol>
            {s.versions.some((x) => x.scope === "platform") && !canPlatform && canManage ? (
              <p className="mt-2 text-xs text-slate-600">Platform versions are set by platform admins; “Add version” adds this tenant’s own, which it pays instead.</p>
            ) : null}
          </td>
        </tr>
      ) : null}
    </>
  );
}
