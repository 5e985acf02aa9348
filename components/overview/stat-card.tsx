import Link from "next/link";
import type { ReactNode } from "react";

export function StatCard({ label, value, href, children }: { label: string; value: number; href?: string; children?: ReactNode }) {
  const body = (
    <>
      <p className="text-xs font-medium text-slate-600">{label}</p>
      <p className="mt-1 text-2xl font-semibold text-slate-900 tabular-nums">{value}</p>
      {children}
    </>
  );
  const cls = "block rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-xs";
  return href ? (
    <Link href={href} className={`${cls} hover:border-indigo-300 focus-visible:outline-2 focus-visible:outline-indigo-600`}>{body}</Link>
  ) : (
    <div className={cls}>{body}</div>
  );
}
