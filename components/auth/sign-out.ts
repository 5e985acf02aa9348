"use client";

import { signOut } from "next-auth/react";

/** Signs this browser out (ending its session, and dropping the cookie) and opens the sign-in page. */
export async function signOutAndLeave(): Promise<void> {
  await signOut({ redirect: false });
  window.location.assign("/signin");
}
