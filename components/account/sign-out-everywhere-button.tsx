"use client";

import { ShieldOff } from "lucide-react";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { signOutEverywhere } from "./sign-out-everywhere";

export function SignOutEverywhereButton() {
  return (
    <ConfirmDialog
      trigger={
        <Button variant="secondary">
          <ShieldOff aria-hidden="true" className="size-4" />
          Sign out everywhere
        </Button>
      }
      title="Sign out everywhere?"
      description="Every session of yours ends, this one included: each browser must sign in again. Your API tokens are not affected."
      confirmLabel="Sign out everywhere"
      onConfirm={signOutEverywhere}
    />
  );
}
