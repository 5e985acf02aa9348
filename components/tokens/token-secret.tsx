"use client";

import { Alert } from "../ui/alert";
import { CopyButton } from "../ui/copy-button";
import { inputClass } from "../ui/input-class";

/** The token's secret, shown once right after creation. */
export function TokenSecret({ name, token }: { name: string; token: string }) {
  return (
    <div className="space-y-3">
      <Alert tone="warning" title="Copy the token now">
        This is the only time Fleetgate shows it. Store it in your secret manager; if it is lost, revoke it and create a new one.
      </Alert>
      <div className="space-y-1">
        <label htmlFor="new-token" className="block text-sm font-medium text-slate-800">Token for {name}</label>
        <div className="flex gap-2">
          <input id="new-token" readOnly value={token} onFocus={(e) => e.currentTarget.select()} className={inputClass(false, "h-9 font-mono text-xs")} />
          <CopyButton value={token} />
        </div>
      </div>
      <p className="text-xs text-slate-600">
        Send it as <code className="font-mono">Authorization: Bearer &lt;token&gt;</code> to the <code className="font-mono">/api/v1</code> endpoints.
      </p>
    </div>
  );
}
