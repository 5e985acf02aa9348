"use client";

import { api } from "../api/api-client";
import { signOutAndLeave } from "../auth/sign-out";

/** Ends every session of the signed-in person, this one included, then leaves for the sign-in page. */
export async function signOutEverywhere(): Promise<void> {
  await api<{ ended: number }>("/api/v1/me/sessions", { method: "DELETE" });
  await signOutAndLeave();
}
