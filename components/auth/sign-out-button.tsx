"use client";

import { LogOut } from "lucide-react";
import { signOut } from "next-auth/react";
import { Button } from "../ui/button";

export function SignOutButton() {
  return (
    <Button variant="secondary" onClick={() => void signOut({ redirect: false }).then(() => window.location.assign("/signin"))}>
      <LogOut aria-hidden="true" className="size-4" />
      Sign out
    </Button>
  );
}
