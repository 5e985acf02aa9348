"use client";

import { useQuery } from "@tanstack/react-query";
import { diffLines } from "diff";
import { api, tenantPath } from "../api/api-client";
import { errorMessage } from "../api/api-error";
import { Alert } from "../ui/alert";
import { cn } from "../ui/cn";
import { Skeleton } from "../ui/skeleton";
import { policyKeys } from "./policy-keys";
import type { PolicyVersion } from "./types";

type Row = { kind: "add" | "del" | "same"; text: string; oldNo: number | null; newNo: number | null };

export function rowsOf(a: string, b: string): Row[] {
  const rows: Row[] = [];
  let o = 1;
  let n = 1;
  for (const part of diffLines(a, b)) {
    const lines = part.value.replace(/\n$/, "").split("\n");
    for (const text of lines) {
      if (part.added) rows.push({ kind: "add", text, oldNo: null, newNo: n++ });
      else if (part.removed) rows.push({ kind: "del", text, oldNo: o++, newNo: null });
      else rows.push({ kind: "same", text, oldNo: o++, newNo: n++ });
    }
  }
  return rows;
}

export function useVersion(tenant: string, documentId: string, n: number) {
  return useQuery({
    queryKey: policyKeys.version(tenant, documentId, n),
    queryFn: ({ signal }) => api<PolicyVersion>(tenantPath(tenant, `policies/${documentId}/versions/${n}`), { signal }),
    staleTime: Infinity, // versions are immutable
  });
}

/** A line diff of two versions' policy and tests; `from` is the older one. */
export function VersionDiff({ tenant, documentId, from, to }: { tenant: string; documentId: string; from: number; to: number }) {
  const a = useVersion(tenant, documentId, from);
  const b = useVersion(tenant, documentId, to);
  if (a.isError || b.isError) return <Alert tone="error" title="The versions could not be loaded">{errorMessage(a.error ?? b.error)}</Alert>;
  if (!a.data || !b.data) return <div role="status" aria-label="Loading the diff"><Skeleton className="h-48" /></div>;
  return (
    <div className="space-y-4">
      <DiffBlock title="Policy" rows={rowsOf(a.data.content, b.data.content)} from={`version ${from}`} to={`version ${to}`} />
      <DiffBlock title="Tests" rows={rowsOf(a.data.tests, b.data.tests)} from={`version ${from}`} to={`version ${to}`} />
    </div>
  );
}

/** One text's line diff with line numbers; `from` and `to` name the two sides ("version 2"). */
export function DiffBlock({ title, rows, from, to, heading: Heading = "h4" }: { title: string; rows: Row[]; from: string; to: string; heading?: "h3" | "h4" }) {
  const added = rows.filter((r) => r.kind === "add").length;
  const removed = rows.filter((r) => r.kind === "del").length;
  return (
    <section aria-label={`${title}: ${from} to ${to}`} className="overflow-hidden rounded-md border border-slate-200">
      <Heading className="flex items-center gap-3 border-b border-slate-200 bg-slate-50 px-3 py-1.5 text-xs font-semibold text-slate-800">
        {title}
        <span className="font-normal text-emerald-800">+{added}</span>
        <span className="font-normal text-red-800">−{removed}</span>
        {added + removed === 0 ? <span className="font-normal text-slate-600">no change</span> : null}
      </Heading>
      <div tabIndex={0} role="region" aria-label={`${title} diff`} className="max-h-[32rem] overflow-auto">
        <table className="w-full border-collapse font-mono text-xs">
          <caption className="sr-only">{title}: lines removed from {from} and added in {to}</caption>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i} className={cn(r.kind === "add" && "bg-emerald-50", r.kind === "del" && "bg-red-50")}>
                <td className="w-10 px-2 text-right text-slate-600 select-none">{r.oldNo ?? ""}</td>
                <td className="w-10 px-2 text-right text-slate-600 select-none">{r.newNo ?? ""}</td>
                <td className={cn("w-4 select-none", r.kind === "add" ? "text-emerald-800" : r.kind === "del" ? "text-red-800" : "text-slate-400")}>
                  <span aria-hidden="true">{r.kind === "add" ? "+" : r.kind === "del" ? "−" : ""}</span>
                  <span className="sr-only">{r.kind === "add" ? "added" : r.kind === "del" ? "removed" : ""}</span>
                </td>
                <td className={cn("px-2 whitespace-pre-wrap", r.kind === "add" ? "text-emerald-950" : r.kind === "del" ? "text-red-950" : "text-slate-800")}>{r.text}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
