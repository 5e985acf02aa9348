"use client";

import { AlertTriangle } from "lucide-react";
import { Button } from "./button";

/** What an error boundary shows: a plain sentence and the digest to quote, never a stack or a message from inside. */
export function ErrorPanel({ error, retry }: { error: unknown; retry?: () => void }) {
  const digest = error && typeof error === "object" && "digest" in error && typeof error.digest === "string" ? error.digest : null;
  return (
    <div className="flex flex-col items-center justify-center px-4 py-16 text-center">
      <AlertTriangle aria-hidden="true" className="size-8 text-amber-600" />
      <h1 className="mt-3 text-xl font-semibold text-slate-900">Something went wrong</h1>
      <p className="mt-2 max-w-md text-sm text-slate-600">
        Fleetgate could not show this page. Try again; if it keeps happening, send the reference below to your administrator.
      </p>
      {digest ? (
        <p className="mt-3 text-xs text-slate-600">
          Reference: <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-slate-800">{digest}</code>
        </p>
      ) : null}
      <div className="mt-6 flex gap-2">
        {retry ? <Button variant="primary" onClick={() => retry()}>Try again</Button> : null}
        <a href="/" className="inline-flex h-9 items-center rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-800 hover:bg-slate-50">
          Go to Fleetgate
        </a>
      </div>
    </div>
  );
}
