import { ShieldCheck } from "lucide-react";
import type { ReactNode } from "react";

/** The centered frame of the sign-in and no-tenant pages. */
export function AuthCard({ title, description, children, footer }: { title: string; description?: ReactNode; children: ReactNode; footer?: ReactNode }) {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex items-center justify-center gap-2 text-lg font-semibold text-slate-900">
          <ShieldCheck aria-hidden="true" className="size-6 text-indigo-600" />
          Fleetgate
        </div>
        <div className="rounded-lg border border-slate-200 bg-white px-6 py-6 shadow-sm">
          <h1 className="text-lg font-semibold text-slate-900">{title}</h1>
          {description ? <p className="mt-1 text-sm text-slate-600">{description}</p> : null}
          <div className="mt-5">{children}</div>
        </div>
        {footer ? <div className="mt-4 text-center text-xs text-slate-600">{footer}</div> : null}
      </div>
    </main>
  );
}
