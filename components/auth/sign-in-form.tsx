"use client";

import { LogIn } from "lucide-react";
import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { TextField } from "../ui/text-field";

/** E-mail and password through next-auth's credentials provider; the server's message is shown as is. */
export function SignInForm({ callbackUrl, initialError, local, oidc }: {
  callbackUrl: string; initialError: string | null; local: boolean; oidc: { id: string; name: string } | null;
}) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(initialError);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const res = await signIn("credentials", { redirect: false, email, password, callbackUrl });
      if (!res || res.error) {
        setError(res?.error ?? "Sign-in failed. Try again.");
        setBusy(false);
        return;
      }
      // A full load, so every server component sees the new session cookie.
      window.location.assign(callbackUrl);
    } catch {
      setError("Could not reach Fleetgate. Check your connection and try again.");
      setBusy(false);
    }
  };

  return (
    <div className="space-y-4">
      {error ? <Alert tone="error">{error}</Alert> : null}
      {local ? (
        <form onSubmit={submit} className="space-y-3" noValidate>
          <TextField id="email" label="E-mail" type="email" autoComplete="username" required value={email} onValue={setEmail} autoFocus />
          <TextField id="password" label="Password" type="password" autoComplete="current-password" required value={password} onValue={setPassword} />
          <Button type="submit" variant="primary" className="w-full" disabled={busy}>
            {busy ? "Signing in…" : "Sign in"}
          </Button>
        </form>
      ) : null}
      {local && oidc ? (
        <div className="flex items-center gap-3 text-xs text-slate-600" aria-hidden="true">
          <span className="h-px flex-1 bg-slate-200" />
          or
          <span className="h-px flex-1 bg-slate-200" />
        </div>
      ) : null}
      {oidc ? (
        <Button variant="secondary" className="w-full" onClick={() => void signIn(oidc.id, { callbackUrl })}>
          <LogIn aria-hidden="true" className="size-4" />
          Sign in with {oidc.name}
        </Button>
      ) : null}
    </div>
  );
}
