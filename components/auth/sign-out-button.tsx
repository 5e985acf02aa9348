"use client";

import { LogOut } from "lucide-react";
import { Button } from "../ui/button";
import { signOutAndLeave } from "./sign-out";

export function SignOutButton() {
  return (
    <Button variant="secondary" onClick={() => void signOutAndLeave()}>
      <LogOut aria-hidden="true" className="size-4" />
      Sign out
    </Button>
  );
}
