"use client";

import { Alert } from "../ui/alert";
import { CopyButton } from "../ui/copy-button";
import { inputClass } from "../ui/input-class";

/** The signing secret, shown once right after creation or rotation. */
export function WebhookSecret({ secret }: { secret: string }) {
  return (
    <div className="space-y-3">
      <Alert tone="warning" title="Copy the signing secret now">
        This is the only time Fleetgate shows it. Your receiver needs it to check that deliveries come from Fleetgate; if it is lost, rotate it.
      </Alert>
      <div className="space-y-1">
        <label htmlFor="webhook-secret" className="block text-sm font-medium text-slate-800">Signing secret</label>
        <div className="flex gap-2">
          <input id="webhook-secret" readOnly value={secret} onFocus={(e) => e.currentTarget.select()} className={inputClass(false, "h-9 font-mono text-xs")} />
          <CopyButton value={secret} />
        </div>
      </div>
      <SignatureHelp />
    </div>
  );
}

/** How a receiver checks a delivery (the same text as the README). */
export function SignatureHelp() {
  return (
    <div className="space-y-1.5 rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-xs text-slate-700">
      <p>
        Every delivery is a JSON POST with <code className="font-mono">X-Fleetgate-Event</code>, <code className="font-mono">X-Fleetgate-Delivery</code> (the same
        id on every retry: ignore a repeat) and <code className="font-mono">X-Fleetgate-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex&gt;</code>.
      </p>
      <p>
        To verify: compute HMAC-SHA256 with the secret (as text) over <code className="font-mono">&lt;t&gt;.&lt;raw body&gt;</code>, compare it with v1 in constant
        time, and refuse a <code className="font-mono">t</code> older than 5 minutes. The body&apos;s <code className="font-mono">text</code> is a sentence a Slack
        incoming webhook shows as is.
      </p>
    </div>
  );
}
