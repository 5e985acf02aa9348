import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

export const metadata: Metadata = { title: "Not found" };

/** Also what a person sees for another tenant's object or a screen they may not open (never "forbidden"). */
export default function NotFound() {
  return (
    <main className="flex min-h-[60vh] flex-col items-center justify-center px-4 py-16 text-center">
      <p className="text-sm font-semibold text-indigo-700">404</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight text-slate-900">Page not found</h1>
      <p className="mt-2 max-w-md text-sm text-slate-600">
        This page does not exist, or it is not available to you. Check the address, or go back to your tenant.
      </p>
      <Link href="/" className={buttonClass("primary", "md", "mt-6")}>
        Go to Fleetgate
      </Link>
    </main>
  );
}
